"""Set-based reads for the work queue and the billing report."""
