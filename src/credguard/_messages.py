"""The message catalogue: English and Japanese text for every violation code.

:data:`CATALOGUE` is a :class:`~credguard._catalogue.Catalogue`.  Templates
interpolate a violation's ``params`` with ``str.format`` syntax.
Parameter values that are vocabulary (class names, layouts, personal-data
fields …) are translated through :data:`TERMS`; tuples are joined.  Params
never hold a password or a personal value, so no message can contain one.

Each family has its own section below; a new code is added in its family's
section, with both languages, and documented in ``docs/rules.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from ._catalogue import LANGS, Catalogue, Lang

__all__ = ["CATALOGUE", "LANGS", "TERMS", "Lang", "is_registered", "render", "term"]

# personal.* field -> (English noun phrase, Japanese noun): used in its
# violation message, and as TERMS vocabulary under the code ("personal.phone").
_PERSONAL_FIELDS: Final[Mapping[str, tuple[str, str]]] = {
    "username": ("your login name", "ログイン名（ユーザーID）"),
    "customer_number": ("your customer number", "お客様番号"),
    "birthdate": ("your date of birth", "生年月日"),
    "phone": ("your phone number", "電話番号"),
    "email": ("your email address", "メールアドレス"),
    "names": ("your name", "氏名"),
    "other_words": (
        "the name of a pet, friend, team or other word close to you",
        "ペット・友人・チームなど身近な名前",
    ),
    "address_numbers": ("the chōme-banchi-gō numbers of your address", "住所の丁目・番地・号"),
    "postal_code": ("your postal code", "郵便番号"),
    "car_number": ("your car registration number", "自動車登録番号"),
}

# code -> (English template, Japanese template); CATALOGUE below, after TERMS.
_TEMPLATES: Final[Mapping[str, tuple[str, str]]] = {
    # --- length.* (rules/length.py, and the input guard) ------------------
    "length.too_short": (
        "The password must be at least {min} characters long (it has {actual}).",
        "パスワードは{min}文字以上にしてください（現在{actual}文字）。",
    ),
    "length.too_long": (
        "The password must be at most {max} characters long (it has {actual}).",
        "パスワードは{max}文字以下にしてください（現在{actual}文字）。",
    ),
    # --- charset.* (rules/charset.py, and the input guard) ----------------
    "charset.control": (
        "The password contains control characters (such as NUL or a line break),"
        " which are not allowed.",
        "パスワードに制御文字（NUL や改行など）は使えません。入力し直してください。",
    ),
    "charset.format": (
        "The password contains invisible formatting characters (zero-width or"
        " text-direction marks), which are not allowed.",
        "パスワードに見えない文字（ゼロ幅文字や文字方向の制御文字）が入っています。"
        "コピーした文字を使わず、手で入力し直してください。",
    ),
    "charset.fullwidth": (
        "The password contains full-width (zenkaku) characters; type it in"
        " half-width (hankaku) characters.",
        "パスワードに全角文字は使用できません。半角文字で入力してください。",
    ),
    "charset.disallowed_class": (
        "The password contains a kind of character this policy does not allow: {class}.",
        "パスワードに{class}は使えません。",
    ),
    "charset.disallowed_symbol": (
        # The set is quoted: it may end in "." or hold ",", which would run
        # into the sentence's own punctuation.
        "The password contains a symbol that is not allowed; the allowed symbols are “{allowed}”.",
        "使えない記号が含まれています。使える記号は「{allowed}」です。",
    ),
    "charset.edge_space": (
        "The password must not begin or end with a space.",
        "パスワードの最初と最後に空白は使えません。",
    ),
    # --- classes.* (rules/classes.py) -------------------------------------
    "classes.missing": (
        "The password must contain at least {min|character|characters} of this kind:"
        " {class} (it has {actual}).",
        "パスワードには{class}を{min}文字以上含めてください（現在{actual}文字）。",
    ),
    "classes.too_few": (
        "The password must combine at least {min} of these kinds of character: {of}"
        " (it has {actual}).",
        "パスワードには{of}のうち{min}種類以上を組み合わせてください（現在{actual}種類）。",
    ),
    # --- repetition.* (rules/repetition.py) -------------------------------
    "repetition.same_character": (
        "The password repeats the same character {actual|time|times} in a row;"
        " at most {max} in a row is allowed.",
        "同じ文字が{actual}個続いています。同じ文字を続けて使えるのは{max}個までです。",
    ),
    "repetition.repeated_substring": (
        "The password consists largely of a repeated block of characters"
        " ({span|character|characters} of repetition; at most {max} allowed).",
        "同じ並びを繰り返した部分が{span}文字あります。繰り返しは{max}文字までにしてください。",
    ),
    # --- sequence.* (rules/sequence.py) -----------------------------------
    "sequence.ascending": (
        "The password contains an ascending run of {length} letters or digits;"
        " at most {max} in a row is allowed.",
        "「123」「abc」のように順に並んだ文字が{length}文字続いています。"
        "順に並んだ文字は{max}文字までにしてください。",
    ),
    "sequence.descending": (
        "The password contains a descending run of {length} letters or digits;"
        " at most {max} in a row is allowed.",
        "「321」「cba」のように逆順に並んだ文字が{length}文字続いています。"
        "逆順に並んだ文字は{max}文字までにしてください。",
    ),
    # --- keyboard.* (rules/keyboard.py) -----------------------------------
    "keyboard.walk": (
        "The password contains a walk of {length} neighbouring keys on a {layout};"
        " at most {max} is allowed.",
        "{layout}の隣り合うキーを{length}個続けて押した並びが含まれています。"
        "推測されやすいため、{max}個までにしてください。",
    ),
    # --- blocklist.* (rules/blocklist.py) ---------------------------------
    # params: list (common | japanese | custom | pattern), how (equals |
    # contains | leet | reversed | near_miss | kana_keys | doubled | email |
    # phone | likely);
    # never the matched word.  The sentences leave ``how`` to the params:
    # "contains" and "equals" read differently here and in personal.*;
    # "closely resembles" covers the near misses, doubled letters and the
    # character model's "likely", which contain no listed word as typed.
    "blocklist.common": (
        "The password is, contains or closely resembles a commonly used password or word"
        " (common list).",
        "よく使われるパスワードや単語（一般的なリスト）を含んでいるか、それによく似ています。",
    ),
    "blocklist.japanese": (
        "The password is or contains a password, word or name often used in Japan (Japanese list).",
        "日本でよく使われるパスワード・単語・名前（日本語のリスト）を含んでいます。",
    ),
    "blocklist.custom": (
        "The password is or contains a word this policy bans, such as the firm's"
        " or a product's name.",
        "このポリシーで禁止されている語（社名・商品名など）を含んでいます。",
    ),
    "blocklist.pattern": (
        "The password is made of easily guessed patterns: repeated characters,"
        " sequences, keyboard walks, an email address or a phone number.",
        "同じ文字の繰り返し・連続した文字・キーボードの並び・メールアドレス・電話番号など、"
        "推測されやすい並びでできています。",
    ),
    # --- breached.* (rules/breached.py) -----------------------------------
    # params: source (offline | online); never the hash or the count.
    "breached.found": (
        "This password has appeared in a data breach (found in the {source});"
        " choose one that has not.",
        "このパスワードは過去のデータ漏えいで流出しています（{source}で確認）。"
        "別のパスワードにしてください。",
    ),
    "breached.unavailable": (
        "The password could not be checked against the {source}, which could not be reached.",
        "{source}に接続できなかったため、漏えいの有無を確認できませんでした。",
    ),
    # --- strength.* (rules/strength.py) -----------------------------------
    # params: score, guesses_log10, the floor, and evaluated_prefix (the number
    # of characters judged) when the password was longer than that.
    "strength.low_score": (
        "The password is too easy to guess: its estimated strength is {score} on a"
        " scale of 0 to 4, and at least {min_score} is required.",
        "このパスワードは推測されやすいため使えません（強度{score}、必要な強度は{min_score}以上。"
        "0〜4の5段階）。単語をいくつか組み合わせるなど、長く推測しにくいものにしてください。",
    ),
    "strength.too_few_guesses": (
        "The password is too easy to guess: it would take about 10^{guesses_log10}"
        " guesses, and at least 10^{min_guesses_log10} are required.",
        "このパスワードは推測されやすいため使えません（当てるまでの試行回数の目安は"
        "約10^{guesses_log10}回、必要なのは10^{min_guesses_log10}回以上）。"
        "もっと長く、推測しにくいものにしてください。",
    ),
    # --- personal.* (rules/personal.py) -----------------------------------
    # One template per field (built below from _PERSONAL_FIELDS); params are
    # ``match`` (contains / equals) and ``how`` (plain / reversed / leet /
    # digits), both vocabulary in TERMS: never the value or the token.
    **{
        f"personal.{name}": (
            f"The password {{match}} {english} ({{how}}).",
            f"{{how}}{japanese}{{match}}。推測されやすいため、"
            "個人情報を使わないパスワードにしてください。",
        )
        for name, (english, japanese) in _PERSONAL_FIELDS.items()
    },
    # --- history.* (rules/history.py) -------------------------------------
    "history.reused": (
        "The password was used recently; choose one that differs from your last"
        " {generations|password|passwords}.",
        "最近使ったパスワードは使えません。過去{generations}回分とは違うパスワードにしてください。",
    ),
    "history.unverifiable": (
        "{count|stored previous password record|stored previous password records} could"
        " not be checked (corrupt or"
        " unsupported), so the password cannot be accepted until the history is repaired.",
        "過去のパスワードの記録{count}件を確認できないため（破損または非対応の形式）、"
        "このパスワードは受け付けられません。お手数ですが、お問い合わせ窓口にご連絡ください。",
    ),
    # --- separation.* (rules/separation.py) -------------------------------
    "separation.same": (
        "The password must differ from your {other}.",
        "{other}と同じパスワードは使えません。別のパスワードにしてください。",
    ),
    "separation.case_only": (
        "The password must differ from your {other} in more than upper and lower case.",
        "{other}と英大文字・小文字が違うだけのパスワードは使えません。",
    ),
    "separation.contains": (
        "The password must not contain your {other} or be contained in it.",
        "{other}を含むパスワードや、{other}の一部になっているパスワードは使えません。",
    ),
    "separation.near_equal": (
        "The password is too similar to your {other}; change more than {max|character|characters}.",
        "{other}と似すぎています。{other}から{max}文字より多く変えてください。",
    ),
    "separation.unverifiable": (
        "Your stored {other} could not be checked (corrupt or unsupported record),"
        " so the password cannot be accepted.",
        "登録済みの{other}を確認できないため（破損または非対応の形式）、"
        "このパスワードは受け付けられません。お手数ですが、お問い合わせ窓口にご連絡ください。",
    ),
}

#: Vocabulary used as parameter values: value -> (English, Japanese).
TERMS: Final[Mapping[str, tuple[str, str]]] = {
    # character classes
    "upper": ("uppercase letter", "英大文字"),
    "lower": ("lowercase letter", "英小文字"),
    "digit": ("digit", "数字"),
    "symbol": ("symbol", "記号"),
    "space": ("space", "空白"),
    "other": ("letter without case (kana, kanji …)", "かな・漢字などの文字"),
    "letter": ("letter", "英字"),
    "non_ascii": ("non-ASCII character", "半角英数記号以外の文字"),
    # keyboard layouts
    "qwerty": ("QWERTY keyboard", "QWERTYキーボード"),
    "jis": ("JIS keyboard", "JISキーボード"),
    "numpad": ("numeric keypad", "テンキー"),
    "phone": ("phone keypad", "電話のキー配列"),
    "phone_letters": ("feature-phone letter keypad", "携帯電話の文字キー"),
    # blocklist lists (the rule's own sentences name them; these serve the
    # tools that print a list's name)
    "common": ("common passwords", "よく使われるパスワード"),
    "japanese": ("common Japanese passwords and names", "日本でよく使われるパスワードと名前"),
    "custom": ("words banned by this policy", "このポリシーの禁止語"),
    "pattern": ("guessable patterns", "推測されやすい並び"),
    # breached sources
    "offline": ("breached-password list", "漏えいパスワード一覧"),
    "online": ("Pwned Passwords service", "Pwned Passwords サービス"),
    # personal.*: the fields, keyed by their violation code ("phone" alone
    # already names the phone keypad), and how a token matched
    **{f"personal.{name}": nouns for name, nouns in _PERSONAL_FIELDS.items()},
    "contains": ("contains a form of", "がパスワードに含まれています"),
    "equals": ("is a form of", "とパスワードが一致します"),
    "plain": ("as written", ""),
    "reversed": ("written backwards", "逆から読むと、"),
    "leet": (
        "with look-alike substitutions such as 4 for a",
        "4をaと読むなど似た文字を置き換えると、",
    ),
    "digits": ("ignoring the other characters", "数字だけを取り出すと、"),
    # password kinds (history.*, separation.*)
    "login": ("login password", "ログインパスワード"),
    "trade": ("trade password", "取引パスワード"),
    "withdrawal": ("withdrawal password", "出金パスワード"),
}


#: code -> (English template, Japanese template), rendered through TERMS.
CATALOGUE: Final = Catalogue(_TEMPLATES, TERMS)


def term(value: str, lang: Lang) -> str:
    """Translate a vocabulary value; unknown values are returned unchanged."""
    return CATALOGUE.term(value, lang)


def is_registered(code: str) -> bool:
    """True when *code* has a catalogue entry."""
    return code in CATALOGUE


def render(code: str, params: Mapping[str, object], lang: Lang = "en") -> str:
    """Render the message for *code* in *lang* with *params* interpolated."""
    try:
        return CATALOGUE.render(code, params, lang)
    except (KeyError, IndexError, ValueError):
        # Never raise while reporting: an unregistered code, or a violation
        # missing a parameter, still says what it is.
        return code
