"""The command line's own strings, in English and Japanese.

Violation messages come from :mod:`credguard._messages`; everything else the
command line prints (verdicts, labels, the summary, help text, error
messages) comes from :data:`STRINGS`, a :class:`~credguard._catalogue.Catalogue`
without vocabulary: the values are counts and names already formatted.
Argparse's built-in words ("usage:", "error:") stay English.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from .._catalogue import Catalogue, Lang

__all__ = ["STRINGS", "text"]

# key -> (English, Japanese): STRINGS below.
_STRINGS: Final[Mapping[str, tuple[str, str]]] = {
    # --- verdicts, labels, summaries --------------------------------------
    "ok": ("ok", "合格"),
    "rejected": ("rejected", "不合格"),
    "error": ("error", "エラー"),
    "warning": ("warning", "警告"),
    "line": ("line {line}", "{line}行目"),
    "stdin": ("<stdin>", "<標準入力>"),
    "kind.login": ("login", "ログイン"),
    "kind.trade": ("trade", "取引"),
    "kind.withdrawal": ("withdrawal", "出金"),
    "kind.all": ("all kinds", "全種類"),
    "not_set": ("not set", "指定なし"),
    "summary": (
        "{checked} checked, {passed} passed, {failed} failed (policy {policy}, kind {kind})",
        "{checked}件を検査：合格{passed}件、不合格{failed}件（ポリシー {policy}、種類 {kind}）",
    ),
    "summary.skipped": (", {skipped} skipped", "、読み飛ばし{skipped}件"),
    "summary.share": ("refused: {share}% of the rows checked", "不合格率: 検査した行の{share}%"),
    "summary.code": ("code", "コード"),
    "summary.rule": ("rule", "ルール"),
    "summary.rows": ("rows", "行数"),
    "explain.strength": (
        "strength: zxcvbn score {score}/4, about 10^{guesses} guesses ({rule})",
        "強度: zxcvbn スコア {score}/4、推測回数 約10^{guesses}（{rule}）",
    ),
    "explain.policy_rule": ("the policy's strength rule", "ポリシーの強度ルール"),
    "explain.computed": (
        "computed: the policy has no strength rule",
        "参考値: ポリシーに強度ルールはありません",
    ),
    "explain.close.length": (
        "close: length {length}, the minimum is {min}",
        "ぎりぎり: 長さ{length}文字（最小{min}文字）",
    ),
    "explain.close.classes": (
        "close: exactly {classes} kinds of character, the minimum",
        "ぎりぎり: 文字の種類がちょうど最低限の{classes}種類",
    ),
    "explain.close.strength": (
        "close: strength score {score}, exactly the minimum",
        "ぎりぎり: 強度スコア{score}でちょうど最低限",
    ),
    "explain.blocklist": (
        "blocklist: score {score}, refused below {min}",
        "ブロックリスト: スコア{score}（{min}未満は不可）",
    ),
    "explain.blocklist.reading": (
        "blocklist: score {score} as written, refused below {min};"
        " refused by another reading ({how})",
        "ブロックリスト: 書かれたままではスコア{score}（{min}未満は不可）。"
        "別の読み方（{how}）で不可",
    ),
    "explain.close.blocklist": (
        "close: {tokens|listed word or pattern|listed words or patterns} ({lists}),"
        " score {score}, refused below {min}",
        "ぎりぎり: よく使われる語や並び（{lists}）を{tokens}個含み、"
        "スコア{score}（必要なのは{min}以上）",
    ),
    "progress": ("{count|line|lines} checked", "{count}行を検査済み"),
    "progress.percent": (
        "{count|line|lines} checked ({percent}%)",
        "{count}行を検査済み（{percent}%）",
    ),
    "tty_hint": (
        "type each password and press Enter (nothing is shown); end with Ctrl-D",
        "パスワードを1つずつ入力して Enter を押してください（画面には表示されません）。"
        "Ctrl-D で終了します",
    ),
    "presets.name": ("name", "名前"),
    "presets.title": ("title", "説明"),
    "audit.violation": ("violation", "違反"),
    "audit.advice": ("advice", "推奨"),
    "audit.unknown": ("unknown", "不明"),
    "audit.met": ("met", "適合"),
    "audit.summary": (
        "{count|finding|findings} against {baseline}: {violation|violation|violations},"
        " {advice} advice, {unknown} unknown, {met} met",
        "{baseline} による監査結果{count}件:違反{violation}件、推奨{advice}件、"
        "不明{unknown}件、適合{met}件",
    ),
    "audit.unknown_hint": (
        "{unknown|requirement|requirements} could not be checked: the policy does not say."
        " Add --strict to fail on them",
        "{unknown}件は、ポリシーに記載がないため確認できませんでした。"
        "確認できない項目も不合格としたい場合は --strict を付けてください",
    ),
    "audit.unknown_strict": (
        "{unknown|requirement|requirements} could not be checked: the policy does not say"
        " (--strict: this fails the audit)",
        "{unknown}件は、ポリシーに記載がないため確認できませんでした"
        "(--strict のため不合格として扱います)",
    ),
    "audit.none": (
        "no findings: {policy} meets every clause of {baseline} that credguard checks",
        "指摘はありません。{policy} は、credguard が確認する {baseline} の条項を"
        "すべて満たしています",
    ),
    "audit.source": ("source: {title}, {date}, {party}", "出典:{title}({date}、{party})"),
    "undated": ("undated", "日付不明"),
    "audit.party.first_party": ("first-party", "原文"),
    "audit.party.third_party": (
        "third-party: press or blog wording, not the guideline's own text",
        "報道・ブログ等による引用で、ガイドラインの原文ではありません",
    ),
    "audit.party.unstated": ("standing not stated", "原文かどうか不明"),
    "audit.obligation": (
        "{obligation}, in force from {effective}",
        "{obligation}({effective}施行)",
    ),
    "audit.obligation.mandatory": ("mandatory", "必須"),
    "audit.obligation.SHALL": ("SHALL", "必須(SHALL)"),
    "audit.obligation.SHALL NOT": ("SHALL NOT", "禁止(SHALL NOT)"),
    "audit.obligation.SHOULD": ("SHOULD", "推奨(SHOULD)"),
    "audit.obligation.desirable": ("desirable", "望ましい"),
    "audit.obligation.unverified": (
        "strength not verified (a shortfall is reported as advice)",
        "義務の強さは未確認(未達は「推奨」として報告)",
    ),
    "audit.obligation.conditional": (
        "conditional (until phishing-resistant MFA is in place)",
        "条件付き(フィッシング耐性のある多要素認証を導入するまで)",
    ),
    "audit.dated.published": ("published {date}", "{date}公表"),
    "audit.dated.retrieved": ("retrieved {date}", "{date}時点で確認"),
    "audit.predates": (
        "before the requirement took effect on {effective}",
        "要件の施行日({effective})より前の情報です",
    ),
    "audit.quality.first_party": ("the firm's own page", "証券会社自身のページ"),
    "audit.quality.third_party": (
        "third-party evidence, not the firm's own page",
        "第三者の情報で、証券会社自身のページではありません",
    ),
    "clause.JSDA guideline 2025-10-15": (
        "JSDA guideline 2025-10-15",
        "日本証券業協会ガイドライン(2025年10月15日施行)",
    ),
    "clause.FSA supervisory guideline 2025": (
        "FSA supervisory guideline 2025",
        "金融庁 監督指針(2025年改正)",
    ),
    "diff.header": (
        "A: {a}  B: {b}  (each line reads: B is … than A)",
        "A: {a}  B: {b}（各行は「B は A より…」と読みます）",
    ),
    "diff.stricter": ("stricter", "厳しい"),
    "diff.looser": ("looser", "緩い"),
    "diff.changed": ("changed", "変更"),
    "diff.unknown": ("unknown", "不明"),
    "diff.only_in_a": ("only in A", "A のみ"),
    "diff.only_in_b": ("only in B", "B のみ"),
    "diff.summary": ("{count|difference|differences}", "相違{count}件"),
    "diff.none": ("no differences", "相違なし"),
    # --- errors ----------------------------------------------------------
    "error.prefix": ("credguard: error: ", "credguard: エラー: "),
    "error.invalid_utf8": ("invalid UTF-8", "UTF-8 として読めないバイト列があります"),
    "error.try_encoding": (
        " (if the file is Shift_JIS, try --encoding cp932)",
        "（Shift_JIS のファイルなら --encoding cp932 を指定してください）",
    ),
    "error.invalid_encoding": (
        "cannot be decoded as {encoding}",
        "{encoding} として読めないバイト列があります",
    ),
    "error.unknown_encoding": (
        "--encoding: unknown encoding {encoding!r}",
        "--encoding: 不明な文字コードです: {encoding!r}",
    ),
    "error.encoding_lines": (
        "--encoding: {encoding!r} does not write one line per line break; use UTF-8 or cp932",
        "--encoding: {encoding!r} は改行で行を区切れません。UTF-8 か cp932 を使ってください",
    ),
    "error.summary_csv": (
        "--summary prints a table: use --format text, json or jsonl",
        "--summary は表を出力します。--format は text、json、jsonl のいずれかにしてください",
    ),
    "warning.prefix": ("credguard: warning: ", "credguard: 警告: "),
    "warning.unused": (
        "the context gives fields that no rule of the policy uses: {fields}",
        "コンテキストに、ポリシーのどのルールも使わない項目があります: {fields}",
    ),
    "error.map_syntax": (
        "--map: {item!r} is not FIELD=COLUMN",
        "--map: {item!r} は「項目=列名」の形になっていません",
    ),
    "error.map_field": (
        "--map: unknown field {field!r}; fields are {fields}",
        "--map: 不明な項目です: {field!r}（項目: {fields}）",
    ),
    "error.map_twice": (
        "--map: {field!r} is mapped twice",
        "--map: {field!r} が2回指定されています",
    ),
    "error.map_lines": (
        "--map needs --input-format csv or jsonl",
        "--map は --input-format csv または jsonl と一緒に指定してください",
    ),
    "error.no_password_column": (
        "no column {column!r} for the password (use --map password=COLUMN)",
        "パスワードの列 {column!r} がありません（--map password=列名 で指定してください）",
    ),
    "error.invalid_csv": (
        "invalid CSV (a quoted field may not span lines)",
        "CSV として不正です（引用符で囲んだ値は1行に収めてください）",
    ),
    "error.row_too_long": ("the row is too long", "行が長すぎます"),
    "error.row_no_password": ("no password in this row", "この行にパスワードがありません"),
    "error.row_not_object": (
        "a JSONL row must be a JSON object",
        "JSONL の各行は JSON オブジェクトにしてください",
    ),
    "error.row_types": (
        "a field has the wrong type (lists for names, an object for other_credentials)",
        "項目の型が不正です（names などは配列、other_credentials はオブジェクト）",
    ),
    "skipped": ("{where}: {reason} (skipped)", "{where}: {reason}（読み飛ばしました）"),
    "error.cannot_read": ("cannot read ({reason})", "読み込めません（{reason}）"),
    "error.is_directory": ("is a directory", "ディレクトリです"),
    "error.stdin_twice": (
        "standard input ('-') can be read only once",
        "標準入力（'-'）は一度しか読み込めません",
    ),
    "error.too_large": (
        "file is larger than {limit} bytes",
        "ファイルが{limit}バイトを超えています",
    ),
    "error.invalid_json": ("invalid JSON: {problem}", "JSON として不正です: {problem}"),
    "error.invalid_toml": ("invalid TOML: {problem}", "TOML として不正です: {problem}"),
    "error.not_table": (
        "the context must be a table (JSON object) of UserContext fields",
        "コンテキストは UserContext の項目の表（JSON オブジェクト）にしてください",
    ),
    "error.unknown_field": ("unknown field{hint}", "不明な項目です{hint}"),
    "error.did_you_mean": ("; did you mean {name!r}?", "（{name!r} の誤りですか？）"),
    "error.jobs": (
        "--jobs must be 0 (all cores) or more",
        "--jobs は 0（全コア）以上にしてください",
    ),
    "error.worker": (
        "a worker process failed ({reason})",
        "ワーカープロセスが異常終了しました（{reason}）",
    ),
    "error.no_command": ("no command given", "コマンドが指定されていません"),
    "error.internal": (
        "internal error ({kind}); set CREDGUARD_DEBUG=1 to see the traceback",
        "内部エラー（{kind}）。CREDGUARD_DEBUG=1 を設定するとトレースバックを表示します",
    ),
    "interrupted": ("interrupted", "中断しました"),
    "error.unknown_preset": (
        "unknown preset {name!r}{hint} (see credguard presets)",
        "プリセット {name!r} はありません{hint}（一覧は credguard presets）",
    ),
    "error.preset_hint": ("; did you mean {names}?", "。{names} の誤りですか？"),
    # --- argparse's messages, for usage errors ---------------------------
    "usage.see_help": (" (see {command} --help)", "（{command} --help を参照）"),
    "usage.argument": ("argument {name}: {message}", "引数 {name}: {message}"),
    "usage.required": (
        "the following arguments are required: {names}",
        "次の引数が必要です: {names}",
    ),
    "usage.unrecognized": ("unrecognized arguments: {names}", "不明な引数です: {names}"),
    "usage.choice": (
        "invalid choice: {value} (choose from {choices})",
        "{value} は選べません（選択肢: {choices}）",
    ),
    "usage.value": ("invalid {type} value: {value}", "{value} は {type} の値として不正です"),
    "usage.between": (
        "must be between {low} and {high}, not {value}",
        "{low} 以上 {high} 以下にしてください（指定された値: {value}）",
    ),
    "usage.one": ("expected one argument", "値が1つ必要です"),
    "usage.at_least_one": ("expected at least one argument", "値が1つ以上必要です"),
    "usage.at_most_one": ("expected at most one argument", "値は1つまでです"),
    "usage.ignored": ("ignored explicit argument {value}", "値 {value} は受け付けません"),
    "usage.not_allowed": ("not allowed with argument {names}", "引数 {names} とは併用できません"),
    "usage.ambiguous": (
        "ambiguous option: {option} could match {names}",
        "オプション {option} があいまいです（候補: {names}）",
    ),
    "error.cannot_write": (
        "cannot write the output ({reason})",
        "出力を書き込めません（{reason}）",
    ),
    "error.no_stdout": ("standard output is closed", "標準出力が閉じられています"),
    # --- help --------------------------------------------------------------
    "help.description": (
        "Check passwords against a brokerage password policy, and inspect policies.",
        "証券会社のパスワードポリシーでパスワードを検査し、ポリシーを確認します。",
    ),
    "help.lang": (
        "language of the output (default: en, or ja when the locale is Japanese)",
        "出力の言語（既定: en。ロケールが日本語なら ja）",
    ),
    "help.help": ("show this help and exit", "このヘルプを表示して終了します"),
    "help.version": ("show the version and exit", "バージョンを表示して終了します"),
    "help.check": (
        "check passwords read one per line from files or standard input",
        "ファイルまたは標準入力から1行に1つずつ読んだパスワードを検査します",
    ),
    "help.policy": (
        "preset name or policy file (default: recommended)",
        "プリセット名またはポリシーファイル（既定: recommended）",
    ),
    "help.advice": (
        "advised rules (wording = advised) report errors or warnings (default: error)",
        "推奨にとどまるルール（wording = advised）をエラーか警告で報告（既定: error）",
    ),
    "help.kind": (
        "the kind of password (default: login)",
        "パスワードの種類（既定: login）",
    ),
    "help.context": (
        "JSON or TOML file of UserContext fields for the account",
        "口座の UserContext 項目を書いた JSON または TOML ファイル",
    ),
    "help.format": ("output format (default: text)", "出力形式（既定: text）"),
    "help.jobs": (
        "worker processes for large inputs; 0 means one per core, and more than the cores"
        " available is capped to them (default: 1)",
        "大きな入力を分担するプロセス数。0 はコア数。使えるコア数を超える値はコア数に"
        "抑えます（既定: 1）",
    ),
    "help.rejected_only": (
        "print only the rejected lines (the summary still counts all)",
        "不合格の行だけを出力します（集計はすべての行を数えます）",
    ),
    "help.summary": (
        "print only the statistics: rows refused, and counts per violation code and per rule",
        "集計だけを出力します: 不合格の割合、違反コード別とルール別の行数",
    ),
    "help.explain": (
        "for every password, accepted too: the strength estimate and the checks it only just met",
        "合格したものも含め、各パスワードの強度の推定と、ぎりぎりで満たした検査を示します",
    ),
    "help.input_format": (
        "lines: one password per line (default); csv, jsonl: a password and that customer's"
        " context fields on each row",
        "lines: 1行に1つのパスワード（既定）。csv、jsonl: 各行にパスワードとその顧客の"
        "コンテキスト項目",
    ),
    "help.map": (
        "which column holds which field, e.g. password=pw,birthdate=dob (default: same names)",
        "どの列がどの項目か。例: password=pw,birthdate=dob（既定: 同じ名前の列）",
    ),
    "help.encoding": (
        "the input's encoding, any Python codec such as cp932 for Shift_JIS (default: utf-8)",
        "入力の文字コード。cp932（Shift_JIS）など Python の codec 名（既定: utf-8）",
    ),
    "help.on_invalid": (
        "stop at a line that cannot be read (default) or skip it, reporting and counting it",
        "読めない行で止まる（既定）か、報告して数えたうえで読み飛ばすか",
    ),
    "help.files": (
        "files of passwords, one per line; '-' or none reads standard input (typed at a"
        " terminal: not echoed, one password per Enter)",
        "1行に1つのパスワードを書いたファイル。'-' または省略で標準入力（端末から入力すると"
        "画面に表示されず、Enter ごとに1つ）",
    ),
    "help.presets": ("list the bundled presets", "同梱のプリセットを一覧表示します"),
    "help.show": (
        "show a resolved policy with each rule's source and assumptions",
        "解決済みのポリシーを、各ルールの出典と前提とともに表示します",
    ),
    "help.lint": (
        "check policy files for problems (for CI and pre-commit)",
        "ポリシーファイルの問題を検出します（CI や pre-commit 向け）",
    ),
    "help.audit": (
        "compare a policy with a standard baseline, citing its clauses",
        "ポリシーを標準の基準と比べ、該当する条項を示します",
    ),
    "help.against": ("the baseline to audit against", "監査の基準"),
    "help.strict": (
        "exit 1 also when a requirement cannot be checked (unknown)",
        "記載がなく確認できない要件があるときも終了ステータス 1 にします",
    ),
    "help.diff": (
        "compare two policies rule by rule",
        "2つのポリシーをルールごとに比較します",
    ),
    "help.policy_arg": ("preset name or policy file", "プリセット名またはポリシーファイル"),
    "help.policy_files": ("policy files", "ポリシーファイル"),
    "help.allow_warnings": (
        "exit 0 when the only findings are warnings",
        "警告だけのときは終了ステータス 0 にします",
    ),
    "help.only_policies": (
        "skip TOML files that are not credguard policies (no [policy], [rules] or [kinds])",
        "credguard のポリシーでない TOML（[policy]・[rules]・[kinds] なし）は飛ばします",
    ),
    "help.doctor": (
        "check this installation (version, files, Argon2 backend, extras, data files)",
        "インストール状態を確認します（バージョン、ファイル、Argon2、追加機能、データファイル）",
    ),
    "help.generate": (
        "print random passwords that a policy accepts (for password resets)",
        "ポリシーが受け付けるランダムなパスワードを出力します（パスワード再発行用）",
    ),
    "help.generate_description": (
        "Print random passwords, one per line, drawn with Python's secrets module from the"
        " characters the policy allows and meeting its length and character-class rules."
        " No customer data is used, so personal-data rules pass trivially.",
        "ポリシーが許す文字から Python の secrets モジュールで引いたランダムなパスワードを、"
        "長さと文字種のルールを満たすように1行に1つずつ出力します。顧客の情報は使わない"
        "ため、個人情報のルールは常に満たされます。",
    ),
    "help.count": (
        "how many passwords to print, 1 to 10000 (default: 1)",
        "出力するパスワードの数。1〜10000（既定: 1）",
    ),
    "help.length": (
        "characters per password, within the policy's range"
        " (default: the policy's minimum or 16, whichever is more, at most its maximum)",
        "パスワードの文字数。ポリシーの範囲内で指定します"
        "（既定: ポリシーの最小文字数と 16 の大きい方。最大文字数を超えない）",
    ),
}
#: key -> (English, Japanese); ``str.format`` fields are filled by :func:`text`.
STRINGS: Final = Catalogue(_STRINGS)


def text(key: str, lang: Lang, /, **fields: object) -> str:
    """The string *key* in *lang*, with *fields* filled in."""
    return STRINGS.render(key, fields, lang)
