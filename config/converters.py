"""Path converters: an id in a URL is at most 19 digits and fits a bigint, else the URL is a 404."""

from wards.parsing import ID_DIGITS, LARGEST_ID


class IdConverter:
    regex = f"[0-9]{{1,{ID_DIGITS}}}"

    def to_python(self, value):
        number = int(value)
        if number > LARGEST_ID:
            raise ValueError  # the resolver treats this as "no match"
        return number

    def to_url(self, value):
        return str(value)
