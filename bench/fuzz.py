"""The API against its own schema: Schemathesis with every check (response conformance
included), as a partner, a coordinator and an officer, 100 examples per operation and the
stateful phase, on the demo data in a throwaway database, served by gunicorn.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m bench.fuzz

Prints each role's summary and exits non-zero on any failure. `DELETE /api/auth/token/` is
left out: it revokes the very token the run signs in with (tests/api/test_input.py tests it).
"""

import argparse
import subprocess
import sys
from io import StringIO
from pathlib import Path

from bench.harness import ROOT, scratch_database, setup_django

ROLES = ["partner", "coordinator", "officer"]  # the officer last: it may delete what it finds
LEFT_OUT = "DELETE /api/auth/token/"  # it revokes the token the run signs in with


def run_schemathesis(base: str, token: str, *, examples: int, seed: int) -> int:
    command = [
        str(Path(sys.executable).with_name("st")),
        "--config-file", str(ROOT / "bench" / "schemathesis.toml"),
        "run", f"{base}/api/schema/", "--checks", "all", "--max-examples", str(examples),
        "--phases", "examples,coverage,fuzzing,stateful", "--seed", str(seed),
        "--exclude-name", LEFT_OUT, "--workers", "2",
        "--header", f"Authorization: Token {token}", "--no-color",
    ]  # fmt: skip
    return subprocess.run(command, cwd=ROOT).returncode


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100, help="examples per operation")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--roles", nargs="+", default=ROLES, choices=ROLES)
    args = parser.parse_args(argv)
    setup_django()

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    from bench.load import start_gunicorn
    from common.databases import current_database_url

    failed = []
    with scratch_database():
        call_command("load_demo", stdout=StringIO())
        users = get_user_model().objects.filter(username__in=args.roles)
        tokens = {user.username: Token.objects.create(user=user).key for user in users}
        server, base = start_gunicorn(current_database_url())
        try:
            for role in args.roles:
                print(f"\n=== Schemathesis as {role} ===", flush=True)
                if run_schemathesis(base, tokens[role], examples=args.examples, seed=args.seed):
                    failed.append(role)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"\nFailures as: {', '.join(failed)}" if failed else "\nNo failure, as any role.")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
