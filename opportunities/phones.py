"""UK phone numbers: one format for storing and searching them, and which are mobiles.

Pure helpers with no models, so the sign-up models and forms can both use them.
"""

import phonenumbers


def is_example_mobile(number):
    """True for 07700 900000 to 07700 900999, the mobile numbers Ofcom keeps for examples.

    No one can have one of these numbers, so the hints use one ("like 07700 900123"),
    and a hint must itself be accepted: people copy hints to see the format.
    phonenumbers calls them invalid because they are never given out.
    """
    return number.country_code == 44 and 7700900000 <= number.national_number <= 7700900999


def normalise_uk_phone(value):
    """A UK phone number in one format ("07700 900123"), or None if it is not one.

    Numbers are kept in the national format people recognise; "+44 7700 900123",
    "07700900123" and "(07700) 900 123" all become "07700 900123".
    """
    try:
        number = phonenumbers.parse(str(value), "GB")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 44:
        return None
    if not (phonenumbers.is_valid_number(number) or is_example_mobile(number)):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def is_mobile(number_text):
    number = phonenumbers.parse(number_text, "GB")
    if is_example_mobile(number):
        return True
    return phonenumbers.number_type(number) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )
