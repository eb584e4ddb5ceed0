"""Settings: config get KEY, config set KEY VALUE, config list, config password."""

from __future__ import annotations

from app.cli import EXIT_OK, CliError
from app.cli.common import read_secret, settings


def cmd_config(args) -> int:
    from review.settings import SETTINGS

    conf = settings()
    if args.action == "password":
        return _password(conf)
    if args.key is None and args.action in ("get", "set"):
        raise CliError(f"config {args.action} needs a KEY (see: shortlist config list)")
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
                shown = (
                    "(not valid: see below)" if conf.problem(setting.key) else conf.get(setting.key)
                )
                print(f"{setting.key:<20} {shown!s:<30} # {setting.title}")
            if conf.problems():
                raise CliError("; ".join(conf.problems()))
    except (KeyError, ValueError) as exc:
        raise CliError(str(exc).strip('"')) from None
    return EXIT_OK


def _password(conf) -> int:
    """Ask for the SMTP password (never echoed) and keep it in the system keyring."""
    from review.outbox import NoSecureKeyring, keyring_backend, store_password

    user = conf.get("smtp.user")
    if not user:
        raise CliError("set the SMTP user name first: shortlist config set smtp.user NAME")
    name, secure = keyring_backend()
    if not secure:
        raise CliError(
            f"there is no secure keyring on this system ({name}), so the SMTP password is not "
            "stored: Shortlist asks for it once per session when it sends"
        )
    password = read_secret(
        f"SMTP password for {user} at {conf.get('smtp.host') or 'your server'}: "
    )
    if not password:
        raise CliError("no password given: nothing was stored")
    try:
        backend = store_password(user, password)
    except NoSecureKeyring as exc:
        raise CliError(str(exc)) from None
    print(f"Stored the SMTP password for {user} in the system keyring ({backend}).")
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser(
        "config",
        help="settings: config get KEY, config set KEY VALUE, config list; config password keeps "
        "the SMTP password in the system keyring",
    )
    p.add_argument("action", choices=["get", "set", "list", "password"])
    p.add_argument("key", nargs="?")
    p.add_argument("value", nargs="?")
    p.set_defaults(func=cmd_config)
