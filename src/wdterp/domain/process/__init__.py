"""Production (生产): producers, bills of materials (物料清单, GP…), production orders (生产单, PS…),
their material stockouts (src 5) and finished-goods stockins (src 6), and their settlements (JS…)."""
