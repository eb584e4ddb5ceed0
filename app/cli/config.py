"""Settings: config get KEY, config set KEY VALUE, config list."""

from __future__ import annotations

from app.cli import EXIT_OK, CliError
from app.cli.common import settings


def cmd_config(args) -> int:
    from review.settings import SETTINGS

    conf = settings()
    try:
        if args.action == "set":
            if args.value is None:
                raise CliError("config set needs a KEY and a VALUE")
            conf.set(args.key, args.value)
            print(f"{args.key} = {conf.get(args.key)}")
        elif args.action == "get":
            print(conf.get(args.key))
        else:
            for setting in SETTINGS:
                print(f"{setting.key:<20} {conf.get(setting.key)!s:<30} # {setting.title}")
    except (KeyError, ValueError) as exc:
        raise CliError(str(exc).strip('"')) from None
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser("config", help="settings: config get KEY, config set KEY VALUE, config list")
    p.add_argument("action", choices=["get", "set", "list"])
    p.add_argument("key", nargs="?")
    p.add_argument("value", nargs="?")
    p.set_defaults(func=cmd_config)
