"""The shared stock-document engine: stockin/stockout headers + lines, numbers, states."""
