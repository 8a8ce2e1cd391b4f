"""Virtual warehouses (虚拟仓): named shares of real stock for some shops, filled and emptied by
virtual-warehouse orders (VO…) and by allocation / release strategies on stock documents."""
