"""vpclint: lint Cloudflare Workers VPC configuration before wrangler or the API does."""

__version__ = "0.1.0"
