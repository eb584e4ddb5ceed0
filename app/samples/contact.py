"""A person's e-mail addresses, phone numbers, links and postal address.

E-mail addresses use the reserved example.com/.org/.net domains and personal sites
are sub-domains of them, so a demo outbox can never reach a real inbox. Phone
numbers must be *valid* (the parser is tested with ``phonenumbers``): where a
country reserves a valid range for fiction (UK, France, Australia) we use it;
elsewhere numbers are random but valid, so never send anything to demo candidates.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

import phonenumbers

from app.samples.data import City, Country
from app.samples.helpers import POSTCODE_CODES, expand, slug, weighted
from app.samples.skills import SHORT_TERMS

_EMAIL_DOMAINS = {"example.com": 50, "example.org": 20, "example.net": 20, "mail.example.com": 10}


def make_phone(
    rng: random.Random, country: Country, city: City, mobile: bool
) -> phonenumbers.PhoneNumber:
    patterns: Sequence[str] = city.landline
    if mobile:
        if country.iso == "BR":  # mobiles keep the city's area code (DDD)
            patterns = (city.landline[0][:2] + "9[6-9]xxxxxxx",)
        elif country.mobile:
            patterns = country.mobile
    for _ in range(400):
        nsn = expand(rng, rng.choice(patterns))
        if country.iso in ("US", "CA") and (nsn[3:6] == "555" or nsn[4:6] == "11"):
            continue  # 555 numbers are fictional in North America; N11 are service codes
        num = phonenumbers.parse("+" + str(phonenumbers.country_code_for_region(country.iso)) + nsn)
        if phonenumbers.is_valid_number(num):
            return num
    raise RuntimeError(f"no valid phone number from {patterns} for {country.iso}")


def print_phone(rng: random.Random, num: phonenumbers.PhoneNumber, iso: str, mobile: bool) -> str:
    fmt = phonenumbers.PhoneNumberFormat
    nat = phonenumbers.format_number(num, fmt.NATIONAL)
    intl = phonenumbers.format_number(num, fmt.INTERNATIONAL)
    e164 = phonenumbers.format_number(num, fmt.E164)
    nsn = phonenumbers.national_significant_number(num)
    cc, rest = intl.split(" ", 1)
    options: list[str]
    if iso in ("US", "CA"):
        options = [
            nat,
            nat,
            f"{nsn[:3]}-{nsn[3:6]}-{nsn[6:]}",
            f"{nsn[:3]}.{nsn[3:6]}.{nsn[6:]}",
            intl,
            f"+1 ({nsn[:3]}) {nsn[3:6]}-{nsn[6:]}",
            f"1-{nsn[:3]}-{nsn[3:6]}-{nsn[6:]}",
        ]
    elif iso in ("DE", "AT", "CH"):
        local = f"0{nsn[:3]} {nsn[3:]}" if mobile and iso == "DE" else nat
        options = [local, local, intl, intl, f"{cc} (0){rest}", "00" + intl[1:], e164]
        if not mobile and iso == "DE":
            area, _, number = nat.partition(" ")
            options.append(f"{area}/{number}")
    elif iso in ("GB", "NL"):
        options = [nat, nat, intl, f"{cc} (0){rest}"]
    elif iso == "FR":
        options = [nat, nat, nat.replace(" ", "."), intl, f"{cc} (0){rest}"]
    elif iso == "IN":
        options = [intl, f"{cc}-{nsn}", nat, f"{nsn[:5]} {nsn[5:]}"]
    elif iso == "BR":
        options = [nat, nat, intl]
    else:
        options = [nat, intl, intl, e164]
    return rng.choice(options)


def print_link(url: str, form: str) -> str:
    bare = url.removeprefix("https://").removeprefix("www.")
    if form == "bare" or (form == "www" and not url.startswith("https://www.")):
        return bare
    if form == "www":
        return "www." + bare
    if form == "slash":
        return url + "/"
    return url


@dataclass
class ContactDetails:
    emails: list[str]
    phones: list[str]  # E.164
    phones_printed: list[str]
    phone_kinds: list[str]  # "mobile" | "phone"
    links: list[str]  # canonical full https URLs
    links_printed: list[str]


def _emails(rng: random.Random, g: str, f: str) -> tuple[list[str], str]:
    """Addresses from the name's slugs, and the two digits some people add to them."""
    gc, fc = g.replace("-", ""), f.replace("-", "")
    yy = f"{rng.randint(1, 99):02d}"
    forms = (f"{g}.{f}", f"{gc[0]}{fc}", f"{gc}{fc}", f"{fc}.{gc}", f"{gc}_{fc}", f"{gc}.{fc}{yy}")
    local_part = rng.choice((*forms, f"{gc[0]}.{fc}"))
    emails = [f"{local_part}@{weighted(rng, _EMAIL_DOMAINS)}"]
    if rng.random() < 0.05:
        emails.append(f"{gc}.{fc}.work@example.net")
    return emails, yy


def _phones(
    rng: random.Random, country: Country, city: City
) -> tuple[list[str], list[str], list[str]]:
    """(E.164 numbers, as printed, kinds): one number, sometimes a second."""
    has_mobile = bool(country.mobile) or country.iso == "BR"
    kinds = [has_mobile and rng.random() < 0.75]
    if rng.random() < 0.08:
        kinds.append(not kinds[0] if has_mobile else False)
    pairs: list[tuple[phonenumbers.PhoneNumber, bool]] = []
    for mobile in kinds:
        num = make_phone(rng, country, city, mobile)
        if all(num != other for other, _ in pairs):
            pairs.append((num, mobile))
    e164 = phonenumbers.PhoneNumberFormat.E164
    phones = [phonenumbers.format_number(n, e164) for n, _ in pairs]
    printed = [print_phone(rng, n, country.iso, m) for n, m in pairs]
    # North Americans do not tell mobiles from landlines by the number: either label fits.
    north_american = country.iso in ("US", "CA")
    phone_kinds = [
        "mobile" if m or (north_american and rng.random() < 0.5) else "phone" for _, m in pairs
    ]
    return phones, printed, phone_kinds


def _links(rng: random.Random, g: str, f: str, yy: str, role: str) -> tuple[list[str], list[str]]:
    """(full URLs, as printed): LinkedIn for most, GitHub for engineers, a site for some."""
    gc, fc = g.replace("-", ""), f.replace("-", "")
    links: list[str] = []
    forms: list[str] = []
    if rng.random() < 0.7:
        handle = g + "-" + f + (f"-{rng.getrandbits(24):06x}" if rng.random() < 0.5 else "")
        links.append(f"https://www.linkedin.com/in/{handle}")
        forms.append(rng.choice(("full", "full", "bare", "www", "slash")))
    github_share = {"software": 0.6, "frontend": 0.6, "data": 0.5, "design": 0.15}
    if rng.random() < github_share.get(role, 0.03):
        handles = (f"{gc[0]}{fc}", f"{gc}{fc}", f"{g}-{f}", f"{fc}{gc[0]}", f"{gc}{yy}")
        links.append(f"https://github.com/{rng.choice(handles)}")
        forms.append(rng.choice(("full", "bare", "bare", "slash")))
    if rng.random() < (0.4 if role in ("design", "marketing", "frontend") else 0.08):
        links.append(f"https://{gc}{fc}.example.com")
        forms.append(rng.choice(("full", "bare")))
    return links, [print_link(u, form) for u, form in zip(links, forms, strict=True)]


def draw_contact(
    rng: random.Random, given: str, family_name: str, country: Country, city: City, role: str
) -> ContactDetails:
    g, f = slug(given, "-"), slug(family_name, "-")
    emails, yy = _emails(rng, g, f)
    phones, phones_printed, phone_kinds = _phones(rng, country, city)
    links, links_printed = _links(rng, g, f, yy, role)
    return ContactDetails(emails, phones, phones_printed, phone_kinds, links, links_printed)


def draw_address(
    rng: random.Random, country: Country, city: City, city_shown: str, country_shown: str
) -> tuple[str, str] | None:
    """(address line, its postcode) for about a third of people in countries with addresses."""
    if not country.address or rng.random() >= 0.3:
        return None
    # A postcode is printed on purpose (it must not pass for a phone number); a house
    # number next to it can ("14 – 22137-160" is a valid Rio number): draw such an
    # address again.
    for _ in range(20):
        postcode = expand(rng, city.postcode, POSTCODE_CODES)
        address = country.address.format(
            num=rng.randint(1, 240),
            street=rng.choice(country.streets),
            postcode=postcode,
            city=city_shown,
            region=city.region or "",
            country=country_shown,
        )
        # Dutch postcodes end in two letters: "2598 JS" must not read as JavaScript.
        if any(tok in SHORT_TERMS for tok in re.split(r"[\s-]", postcode)):
            continue
        if not any(True for _m in phonenumbers.PhoneNumberMatcher(address, country.iso)):
            return address, postcode
    return None
