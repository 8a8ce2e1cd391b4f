"""Counting and warehouse work: stock counts (盘点), move orders (移位), replenishment (补货),
good↔defect conversion (正残转换), zones and default positions (默认货位)."""
