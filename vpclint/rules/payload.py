"""VPC Service payload rules (VPC3xx)."""
