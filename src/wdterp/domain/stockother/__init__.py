"""Other-in / other-out business orders (其它入库/出库业务单, QR…/QC…) and the other stockins/stockouts
(src 20/21) that execute them."""
