"""Every write of the evaluation workflow: atomic, permission-checked, audited."""
