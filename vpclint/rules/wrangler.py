"""Wrangler config rules (VPC1xx, VPC2xx)."""
