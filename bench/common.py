"""What the benchmark scripts share."""

import sys


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database named in ``url`` if it does not exist."""
    import dj_database_url
    import psycopg2
    from psycopg2 import sql

    config = dj_database_url.parse(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        sys.exit(f"The benchmarks measure PostgreSQL; DATABASE_URL is {config['ENGINE']}.")
    connect = {"dbname": "postgres", "user": config.get("USER") or None,
               "password": config.get("PASSWORD") or None, "host": config.get("HOST") or None,
               "port": config.get("PORT") or None}
    try:
        server = psycopg2.connect(**{key: value for key, value in connect.items() if value})
    except psycopg2.OperationalError as exc:
        sys.exit(f"Cannot reach PostgreSQL for {url}: {exc}")
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if cursor.fetchone() is None:
            print(f"Creating database {config['NAME']}")
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
    server.close()
