#!/usr/bin/env python3
"""Validate SARIF files against the official SARIF 2.1.0 JSON schema (OASIS, errata 01).

Usage: validate_sarif.py [--schema PATH] FILE...

Exit status: 0 when every file is valid, 1 when one is not (each error is printed with its
JSON path), 2 on a usage error or an unreadable file, 3 when the `jsonschema` package is
missing (so that callers can skip instead of fail: `pip install jsonschema`).
"""

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SCHEMA = os.path.join(HERE, "..", "data", "sarif-schema-2.1.0.json")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", default=DEFAULT_SCHEMA)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    try:
        import jsonschema
    except ImportError:
        print("validate_sarif: the jsonschema package is not installed", file=sys.stderr)
        return 3
    try:
        with open(args.schema, encoding="utf-8") as f:
            schema = json.load(f)
    except (OSError, ValueError) as e:
        print(f"validate_sarif: cannot read the schema {args.schema}: {e}", file=sys.stderr)
        return 2
    # The SARIF 2.1.0 schema is draft-04, but it uses "uri-reference", a later draft's
    # format: check every format jsonschema knows (uri and uri-reference need the
    # format-nongpl extra: pip install 'jsonschema[format-nongpl]').
    validator_cls = jsonschema.Draft4Validator
    validator_cls.check_schema(schema)
    validator = validator_cls(schema, format_checker=jsonschema.FormatChecker())
    failed = False
    for path in args.files:
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{path}: cannot read: {e}", file=sys.stderr)
            return 2
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        for e in errors:
            where = "/".join(str(p) for p in e.absolute_path) or "(root)"
            print(f"{path}: {where}: {e.message}", file=sys.stderr)
        if errors:
            failed = True
        else:
            print(f"{path}: valid SARIF 2.1.0")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
