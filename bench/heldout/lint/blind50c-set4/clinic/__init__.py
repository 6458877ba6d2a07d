"""A clinic booking service: a FastAPI API, Django admin consumers, Celery jobs and a sync SQLAlchemy layer."""
