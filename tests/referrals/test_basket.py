import pytest

from resources.referrals.basket import MAX_SERVICES, decode_short, encode_short, parse_basket


@pytest.mark.parametrize(
    ("values", "ids", "problems"),
    [
        (["12.34"], [12, 34], set()),
        (["12,34 56"], [12, 34, 56], set()),
        (["12", "34"], [12, 34], set()),
        (["abc"], [], {"invalid"}),
        (["-5.7"], [7], {"invalid"}),
        (["0.3"], [3], {"invalid"}),
        (["1234567890"], [], {"invalid"}),
        (["3.3.4"], [3, 4], {"duplicates"}),
        (["1.2.3.4.5.6.7.8"], [1, 2, 3, 4, 5, 6], {"too_many"}),
        ([""], [], set()),
        ([], [], set()),
    ],
)
def test_parse_basket(values, ids, problems):
    basket = parse_basket(values)
    assert basket.ids == ids
    assert basket.problems == problems


def test_huge_basket_is_capped():
    basket = parse_basket([".".join(str(i) for i in range(1, 10_001))])
    assert basket.ids == list(range(1, MAX_SERVICES + 1))
    assert "too_many" in basket.problems


def test_short_code_round_trip():
    code = encode_short("nl", [12, 34, 1_000_000])
    assert code == "nl-c-y-lfls"
    assert decode_short(code) == ("nl", [12, 34, 1_000_000])
    assert decode_short(code.upper()) == ("nl", [12, 34, 1_000_000])


@pytest.mark.parametrize(
    "code",
    ["", "xx-c", "nl", "nl-", "nl-c-c", "nl-0", "fr-" + "-".join("1234567"), "nl-c_y", "nl-" + "z" * 7],
)
def test_bad_short_codes(code):
    assert decode_short(code) is None
