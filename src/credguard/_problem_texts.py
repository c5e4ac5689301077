"""The wording of every policy problem: id -> (English, Japanese) templates.

Read through :data:`credguard._problems.PROBLEMS`.  The English is what
``str(PolicyError)`` has always said (tests pin it); the Japanese is written
for a brokerage's IT and audit staff.  Keys, option names and TOML syntax
stay as written in the file (``min``, ``auto_unlock = false``), in both
languages.  Ids are grouped by where they are raised.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = ["TEXTS"]

_HINTS: Final = {
    "hint.did_you_mean": ("; did you mean {name!r}?", "。もしかして {name!r} ですか？"),
    "hint.login_rules": (
        " (login's rules are [rules.*])",
        "。login のルールは [rules.*] に書きます",
    ),
    "hint.code_name": ("{name}", "{name}"),
    "hint.did_you_mean_any": ("; did you mean {names}?", "。もしかして {names} ですか？"),
}

# What a value should be ("must be {wanted}") and what it was ("not {actual}").
_TYPES: Final = {
    "type.boolean": ("a boolean", "真偽値"),
    "type.integer": ("an integer", "整数"),
    "type.number": ("a number", "数値"),
    "type.string": ("a string", "文字列"),
    "type.table": ("a table", "テーブル"),
    "type.array": ("an array", "配列"),
    "type.strings": ("an array of strings", "文字列の配列"),
    "type.number_or_none": ("a number or None", "数値または None"),
    "type.true_or_false": ("true or false", "true または false"),
    "type.one_of": ("one of {values}", "{values} のいずれか"),
    "type.either": ("{first} or {second}", "{first}または{second}"),
    "toml.boolean": ("boolean", "真偽値"),
    "toml.integer": ("integer", "整数"),
    "toml.string": ("string", "文字列"),
    "toml.float": ("float", "小数"),
    "toml.array": ("array", "配列"),
    "toml.table": ("table", "テーブル"),
    "toml.date": ("date", "日付"),
}

_VALUES: Final = {
    "value.type": (
        "must be {wanted}, not {actual}",
        "{wanted}を指定してください（指定された値の型: {actual}）",
    ),
    "value.true_or_false": ("must be true or false", "true または false を指定してください"),
    "value.choice": (
        "has a value that is not one of {choices}{hint}",
        "{choices} のいずれかを指定してください{hint}",
    ),
    "value.one_of": ("must be one of {options}", "{options} のいずれかを指定してください"),
    "value.at_least": ("must be at least {low}", "{low} 以上にしてください"),
    "value.at_most": ("must be at most {high}", "{high} 以下にしてください"),
    "value.between": ("must be between {low} and {high}", "{low} 以上 {high} 以下にしてください"),
    "value.twice": ("lists a name twice", "同じ名前が 2 回挙げられています"),
    "value.min_items": ("must name at least {n}", "少なくとも {n} 個挙げてください"),
    "value.empty": ("must not be empty", "空にはできません"),
    "value.non_empty_string": ("must be a non-empty string", "空でない文字列を指定してください"),
}

_FILES: Final = {
    "file.too_large": (
        "policy file is larger than {limit} bytes",
        "ポリシーファイルが大きすぎます（上限 {limit} バイト）",
    ),
    "file.cannot_read": (
        "cannot read policy file ({reason})",
        "ポリシーファイルを読み込めません（{reason}）",
    ),
    "file.invalid_utf8": ("invalid UTF-8", "UTF-8 として読めないバイト列があります"),
    "file.too_deep": ("nesting is too deep", "入れ子が深すぎます"),
    "file.key_parts": (
        "a dotted key or table name has more than {limit} parts",
        "ドット区切りのキーまたはテーブル名の要素が {limit} 個を超えています",
    ),
    "toml.invalid": ("invalid TOML: {problem}", "TOML として不正です: {problem}"),
    "toml.too_deep": (
        "invalid TOML: nesting is too deep",
        "TOML として不正です: 入れ子が深すぎます",
    ),
    "toml.long_integer": (
        "invalid TOML: an integer has too many digits",
        "TOML として不正です: 整数の桁数が多すぎます",
    ),
}

_SHAPE: Final = {
    "shape.regex": (
        "regular expressions are not allowed in policies (a pattern can make every"
        " check hang); use the rule families instead",
        "ポリシーに正規表現は書けません（パターンによってはチェックが終わらなくなるため）。"
        "用意されているルールを組み合わせて指定してください",
    ),
    "shape.unknown_key": ("unknown key{hint}", "不明なキーです{hint}"),
    "shape.unknown_rule": ("unknown rule{hint}", "不明なルールです{hint}"),
    "shape.code_only": (
        "is set in code, not in a policy file (for example Policy.with_hasher)",
        "ポリシーファイルでは指定できません。コードで設定してください（例: Policy.with_hasher）",
    ),
    "shape.api_url": (
        "chooses where password hash prefixes are sent, which a policy file may not:"
        " set BreachedRule(api_url=...) in code or the CREDGUARD_BREACH_API_URL"
        " environment variable",
        "パスワードのハッシュの先頭部分の送信先はポリシーファイルでは指定できません。"
        "コード（BreachedRule(api_url=...)）または"
        "環境変数 CREDGUARD_BREACH_API_URL で設定してください",
    ),
    "shape.unknown_kind": (
        "unknown kind{hint}{login}; kinds are {kinds}",
        "不明な種別です（種別は {kinds} のいずれかです{login}）{hint}",
    ),
    "shape.unknown_event": (
        "unknown event{hint}; events are {events}",
        "不明なイベントです（イベントは {events} のいずれかです）{hint}",
    ),
}

_EXTENDS: Final = {
    "extends.too_long": (
        "extends chain is longer than {limit}",
        "extends の連鎖が上限（{limit} 段）を超えています",
    ),
    "extends.preset_file": (
        "a preset may extend only another preset, not a file",
        "プリセットが extends できるのは他のプリセットだけで、ファイルは指定できません",
    ),
    "extends.symlink_loop": (
        "cannot extend {target!r}: a symlink loop",
        "{target!r} を extends できません: シンボリックリンクがループしています",
    ),
    "extends.cycle": ("extends cycle: {chain}", "extends が循環しています: {chain}"),
    "extends.unreadable": (
        "cannot extend {target!r}: {error}",
        "{target!r} を extends できません: {error}",
    ),
    "extends.unknown_preset": (
        "unknown preset {target!r}{hint}",
        "プリセット {target!r} はありません{hint}",
    ),
}

_BUILD: Final = {
    "build.invalid_value": ("invalid value ({error})", "値が不正です（{error}）"),
    "build.differ_from_self": (
        "the {kind} password cannot differ from itself",
        "{kind} のパスワードに自分自身との相違を求めることはできません",
    ),
    "build.differ_from_inherited": (
        "the {kind} password cannot differ from itself (it inherits login's rules: give it"
        " its own [kinds.{kind}.rules.separation], or history for its own past passwords)",
        "{kind} のパスワードに自分自身との相違を求めることはできません（login のルールを"
        "引き継いでいます。[kinds.{kind}.rules.separation] を個別に設けるか、"
        "過去のパスワードとの比較には history を使ってください）",
    ),
    "build.only_spaces": (
        "allows only spaces but edge_spaces = false: no password can satisfy it",
        "空白しか許可していないのに edge_spaces = false のため、条件を満たすパスワードがありません",
    ),
    "build.allow_and_edges": (
        "no password can satisfy it with charset.allow and edge_spaces = false",
        "charset.allow と edge_spaces = false の組み合わせでは、条件を満たすパスワードがありません",
    ),
    "build.over_max": (
        "needs at least {best} characters but length.max is {limit}",
        "{best} 文字以上が必要ですが、length.max は {limit} です",
    ),
    "build.over_cap": (
        "needs at least {best} characters but a password has at most {limit}",
        "{best} 文字以上が必要ですが、パスワードは最大 {limit} 文字です",
    ),
    "build.class_excluded": (
        "requires {name!r}, which charset.allow excludes",
        "{name!r} を必須にしていますが、charset.allow で許可されていません",
    ),
    "build.classes_excluded": (
        "asks for {wanted} classes but charset.allow permits only {usable} of them",
        "{wanted} 種類の文字種を求めていますが、"
        "charset.allow で使えるのはそのうち {usable} 種類だけです",
    ),
}

_POLICY: Final = {
    "policy.not_a_rule": (
        "{name} does not implement the Rule protocol",
        "{name} は Rule プロトコルを実装していません",
    ),
    "policy.unknown_password_kind": (
        "unknown password kind {kind!r}; kinds are {kinds}",
        "不明なパスワード種別 {kind!r} です（種別は {kinds} のいずれかです）",
    ),
    "policy.unknown_kind": (
        "unknown kind {kind!r}; kinds are {kinds}",
        "不明な種別 {kind!r} です（種別は {kinds} のいずれかです）",
    ),
    "preset.unknown": (
        "unknown preset {name!r}{hint} (see credguard.list_presets())",
        "プリセット {name!r} はありません{hint}（一覧は credguard presets または"
        " credguard.list_presets() で確認できます）",
    ),
    "policy.cannot_generate": (
        "cannot generate a {kind} password of {length} characters that policy {policy!r}"
        " accepts from printable ASCII",
        "ポリシー {policy!r} が受け付ける {length} 文字の {kind} パスワードを ASCII の"
        "印字可能文字から生成できません",
    ),
    "policy.unknown_lang": (
        "unknown language {lang!r}; languages are {langs}",
        "不明な言語 {lang!r} です（言語は {langs} のいずれかです）",
    ),
}

_RULES: Final = {
    "personal.advised_not_in_fields": (
        "names a field that fields does not list",
        "fields に含まれていない項目を指定しています",
    ),
    "rule.max_below_min": (
        "max ({max}) is less than min ({min})",
        "max（{max}）が min（{min}）より小さくなっています",
    ),
    "rule.min_classes_of": (
        "must be at most {n}, the classes in of",
        "of に挙げた文字種の数（{n}）以下にしてください",
    ),
    "rule.breached_source": (
        "give a file, or set online = true",
        "file を指定するか、online = true にしてください",
    ),
    "rule.api_url": (
        "must be an https:// URL (http:// only to a loopback host: 127.0.0.0/8, ::1, localhost)",
        "https:// で始まる URL を指定してください"
        "（http:// はループバック（127.0.0.0/8、::1、localhost）のみ）",
    ),
    "rule.timeout": (
        "must be more than 0 and at most {high:g}",
        "0 より大きく {high:g} 以下にしてください",
    ),
    "rule.transport": (
        "must be callable as (url, headers, timeout)",
        "(url, headers, timeout) を引数に呼び出せるものを指定してください",
    ),
    "rule.path": ("must be a path", "パスを指定してください"),
    "rule.strength_both": (
        "give min_score or min_guesses_log10, not both",
        "min_score と min_guesses_log10 はどちらか一方だけを指定してください",
    ),
    "rule.zxcvbn_missing": (
        "zxcvbn-rs-py is not installed (pip install 'credguard-policy[fast]')",
        "zxcvbn-rs-py がインストールされていません（pip install 'credguard-policy[fast]'）",
    ),
    "rule.too_many_words": (
        "must hold at most {limit} words",
        "words に挙げられる語は {limit} 個までです",
    ),
    "rule.word_length": (
        "must be 1 to {limit} printable characters",
        "印字可能な文字で 1〜{limit} 文字にしてください",
    ),
    "rule.blocklist_empty": (
        "name at least one list or give words",
        "lists を 1 つ以上挙げるか、words を指定してください",
    ),
    "rule.repetition_empty": (
        "sets neither max_run nor max_repeat_span",
        "max_run と max_repeat_span のどちらも指定されていません",
    ),
    "rule.symbols_printable": (
        "may list only printable ASCII symbols (letters, digits, spaces and"
        " non-ASCII characters are classes, not symbols)",
        "挙げられるのは印字可能な ASCII 記号だけです"
        "（英字・数字・空白・非 ASCII 文字は記号ではなく文字種として扱います）",
    ),
    "rule.symbols_not_allowed": (
        "lists symbols but 'symbol' is not an allowed class",
        "'symbol' が許可する文字種に含まれていないのに symbols が挙げられています",
    ),
    "rule.hasher_in_file": (
        "cannot be set in a policy file; bind one in code with Policy.with_hasher()",
        "ポリシーファイルでは指定できません。"
        "コードで Policy.with_hasher() を使って設定してください",
    ),
    "rule.kind_pair": (
        "must be a pair of password kinds",
        "パスワード種別を 2 つ組で指定してください",
    ),
}

_SECTIONS: Final = {
    "section.methods_with_mode": (
        "lists methods but mode = {mode!r}",
        "mode = {mode!r} なのに methods が挙げられています",
    ),
    "section.combine_two": (
        "needs at least two methods to combine",
        "combine を使うには methods を 2 つ以上挙げてください",
    ),
    "section.event_type": ("must be a {name}", "{name} を指定してください"),
    "section.sent_false": (
        "needs sent = true (sent is false)",
        "sent = true が必要です（sent は false です）",
    ),
    "section.sent_unset": (
        "needs sent = true (sent is not set)",
        "sent = true が必要です（sent が指定されていません）",
    ),
    "section.needs_sent": ("needs sent = true", "sent = true が必要です"),
    "section.unavailable": (
        "sets {name} but available = false",
        "available = false なのに {name} が指定されています",
    ),
    "section.lock_never_expires": (
        "sets lock_minutes but auto_unlock = false (the lock never expires)",
        "auto_unlock = false（ロックは自動では解除されない）なのに lock_minutes が指定されています",
    ),
    "section.no_lock": (
        "sets {name} but locks = false",
        "locks = false なのに {name} が指定されています",
    ),
    "section.no_logout": (
        "sets idle_timeout_minutes but auto_logout = false",
        "auto_logout = false なのに idle_timeout_minutes が指定されています",
    ),
    "section.needs_detects": ("needs detects = true", "detects = true が必要です"),
}

_LOCKOUT: Final = {
    "lockout.max_failures": (
        "must be between 1 and {high} (NIST SP 800-63B)",
        "1 以上 {high} 以下にしてください（NIST SP 800-63B）",
    ),
    "lockout.lock_seconds": (
        "must be at least {low} and at most {high} (366 days); use None for no automatic unlock",
        "{low} 以上 {high} 以下（366 日）にしてください。"
        "自動で解除しない場合は None を指定してください",
    ),
    "lockout.minutes_without_unlock": (
        "must be omitted when auto_unlock is false",
        "auto_unlock が false のときは指定しないでください",
    ),
    "lockout.minutes_required": (
        "is required when auto_unlock is true",
        "auto_unlock が true のときは必須です",
    ),
    "lockout.lock_minutes": (
        "must be at least 1/60 (one second) and at most {high}",
        "1/60（1 秒）以上 {high} 以下にしてください",
    ),
    "lockout.stated": (
        "the policy states {stated!r}; {name}= may only fill a value it leaves unknown",
        "ポリシーには {stated!r} と書かれています。"
        "{name}= で指定できるのは、ポリシーに書かれていない値だけです",
    ),
    "lockout.never_locks": (
        "the policy says the account does not lock",
        "ポリシーではアカウントをロックしないことになっています",
    ),
    "lockout.unknown_failures": (
        "the policy does not say after how many consecutive failures the account locks;"
        " pass max_failures=",
        "何回連続で失敗するとロックされるかがポリシーに書かれていません。"
        "max_failures= を指定してください",
    ),
    "lockout.unknown_duration": (
        "the policy does not say how long the lock lasts; pass lock_minutes=, or"
        " auto_unlock=False if only an operator unlocks the account",
        "ロックが続く時間がポリシーに書かれていません。lock_minutes= を指定するか、"
        "担当者しかロックを解除しない場合は auto_unlock=False を指定してください",
    ),
}

_HASHING: Final = {
    "hash.below_floor": (
        "parameters are below the OWASP Argon2id floor (e.g. 19 MiB with t=2);"
        " cheap parameters for tests are in credguard.testing",
        "パラメータが OWASP の Argon2id の下限（例: t=2 で 19 MiB）を下回っています。"
        "テスト用の軽いパラメータは credguard.testing にあります",
    ),
    "hash.pepper_ids": ("pepper key ids must be distinct", "ペッパーの鍵 ID が重複しています"),
    "hash.salt_size": ("must be {low} to {high} bytes", "{low}〜{high} バイトにしてください"),
    "hash.pepper_size": (
        "must be {low} to {high} bytes (32 random bytes recommended)",
        "{low}〜{high} バイトにしてください（ランダムな 32 バイトを推奨）",
    ),
    "hash.pepper_key_id": (
        "must be 1 to 32 characters of A-Z a-z 0-9 _ . -",
        "A-Z a-z 0-9 _ . - だけを使い、1〜32 文字にしてください",
    ),
    "hash.unknown_profile": (
        "unknown hash profile{hint} (profiles: {profiles})",
        "不明なハッシュプロファイルです（プロファイルは {profiles} のいずれかです）{hint}",
    ),
}

# A breached-password file: the message starts with the file's path.
_BREACH: Final = {
    "breach.where_byte": ("the line at byte {start}", "{start} バイト目の行"),
    "breach.where_line": ("line {number}", "{number} 行目"),
    "breach.empty": ("{path}: is empty", "{path}: 空のファイルです"),
    "breach.cannot_open": ("{path}: cannot be opened ({reason})", "{path}: 開けません（{reason}）"),
    "breach.not_hash_count": (
        "{path}: {where} is not HASH:COUNT with a {digits}-digit hex hash",
        "{path}: {where}が HASH:COUNT（{digits} 桁の 16 進ハッシュ）の形式ではありません",
    ),
    "breach.no_count": (
        "{path}: {where} has no count after the hash",
        "{path}: {where}のハッシュの後に件数がありません",
    ),
    "breach.first_line": (
        "{path}: line 1 is not HASH:COUNT with a {digits}-digit hex hash"
        " (is format = {fmt!r} right?)",
        "{path}: 1 行目が HASH:COUNT（{digits} 桁の 16 進ハッシュ）の形式ではありません"
        "（format = {fmt!r} で合っていますか？）",
    ),
    "breach.unsorted": (
        "{path}: is not sorted by hash ({where})",
        "{path}: ハッシュ順に並んでいません（{where}）",
    ),
    "breach.blank_line": ("{path}: line {number} is blank", "{path}: {number} 行目が空行です"),
}

TEXTS: Final[Mapping[str, tuple[str, str]]] = {
    **_HINTS,
    **_TYPES,
    **_VALUES,
    **_FILES,
    **_SHAPE,
    **_EXTENDS,
    **_BUILD,
    **_POLICY,
    **_RULES,
    **_SECTIONS,
    **_LOCKOUT,
    **_HASHING,
    **_BREACH,
}
