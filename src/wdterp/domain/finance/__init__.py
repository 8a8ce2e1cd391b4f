"""Money: platform bills, payments, account checks, invoices, and waybill numbers."""
