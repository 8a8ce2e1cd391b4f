"""Purchase (采购): applies, provider goods, purchase orders and their receiving, purchase returns and
their stockouts, settlement, stock-in appointments."""
