"""Document numbers (prefix + day + daily sequence) for every context: low, so anyone may number."""
