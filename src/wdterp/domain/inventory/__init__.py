"""Stock per warehouse/spec/defect, positions, batches, and the immutable stock ledger."""
