"""Create the database named by DATABASE_URL when the server does not have it yet.

Convenient for a fresh PostgreSQL (CI, a developer's machine). Without DATABASE_URL the embedded
server is started and its database created by the settings themselves.
"""

import os
import sys

import dj_database_url
import psycopg
from psycopg import sql

url = os.environ.get("DATABASE_URL")
if not url:
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from langsa_kompetensi import embedded

    embedded.ensure_server()
    sys.exit(0)

config = dj_database_url.parse(url)
params = {
    "host": config.get("HOST") or None,
    "port": config.get("PORT") or None,
    "user": config.get("USER") or None,
    "password": config.get("PASSWORD") or None,
    "dbname": "postgres",
}
with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True) as conn:
    if not conn.execute(
        "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
    ).fetchone():
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
        print(f"Basis data {config['NAME']} dibuat.")
