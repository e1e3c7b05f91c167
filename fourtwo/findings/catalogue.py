"""Every message a user reads, in one place, each under a stable code.

Codes never change meaning once released; docs/checks.md documents each one.
The English `text` and `hint` are the msgids of the gettext catalogue
(fourtwo/locale/zh_CN/LC_MESSAGES/fourtwo.po): `diag` translates them, then formats
them with the finding's named arguments. Adding a message is one entry here and its
translation there (`python docs/make_locale.py` adds the msgid to the .po and compiles it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    text: str
    hint: str = ""
    warning: bool = False
    info: bool = False  # information: never a problem, not even with --strict


MESSAGES: dict[str, Message] = {
    # FT0xx: reading files
    "FT001": Message("cannot read {what}: {reason}", "check that the file exists and is readable"),
    "FT002": Message(
        "file is not valid UTF-8 (byte {offset}){guess}",
        "save it as UTF-8: in WPS or Notepad choose 'UTF-8' when saving",
    ),
    "FT003": Message("YAML syntax error: {problem}", "{hint}"),
    "FT004": Message(
        "a tab character is used for indentation",
        "YAML indents with spaces only; replace the tab with spaces",
    ),
    "FT005": Message("file is empty", "{hint}"),
    "FT006": Message(
        "aliases expand to {size} nodes from {distinct}; refused",
        "write the values out instead of nesting aliases (&anchor / *alias)",
    ),
    "FT007": Message("key '{key}' appears twice (first at line {first})", "remove one of them; only one value can count"),
    "FT009": Message("file is too large ({size} bytes; limit {limit})", "a {what} should be far smaller; is this the right file?"),
    "FT010": Message(
        "{what} is {kind}, not a file: not read",
        "a workspace holds plain files only; replace it with the file itself (git keeps links and FIFOs as they are)",
    ),
    "FT011": Message(
        "{what} is a link to {target}, outside the workspace: not read",
        "copy the file into the workspace instead of linking to it",
    ),
    # FT020-029: values and paths that would take a command outside its bounds
    "FT020": Message("'{key}' is outside the dates a record can have: {value}", "{hint}"),
    "FT022": Message(
        "{count} more finding(s) like the ones above in this file are not listed ({codes})",
        "fix the rows listed and check again: the rest are alike, and a file of thousands of bad rows is rarely the right file",
    ),
    "FT023": Message(
        "'site.folder' ({value}) cannot hold the site: {why}",
        "name a folder outside the workspace, e.g. ../site: 'fourtwo site' refuses to build where a rebuild could touch the records",
    ),
    # FT1xx: fields of the files people keep
    "FT101": Message("missing required key '{key}'{where}", "add '{key}: ...' here{example}"),
    "FT102": Message("'{key}' should be {expected}, found {found}", "{hint}"),
    "FT103": Message("unknown key '{key}'{where}", "{hint}", warning=True),
    "FT104": Message("'{key}' is not a real date: {value}", "write dates as YYYY-MM-DD, e.g. 2024-03-22"),
    "FT105": Message("'{key}' must be one of {choices}, found '{value}'", "{hint}"),
    "FT106": Message("'{key}' must be {bound}, found {value}", "{hint}"),
    "FT107": Message("unknown procedure '{name}'", "known procedures: {known}"),
    "FT108": Message("'{key}' is not a valid {what}: {value}", "write a number with at most two decimals, e.g. {example}"),
    "FT109": Message("'{key}' must not be empty", "{hint}"),
    # FT2xx: the workspace and its projects
    "FT201": Message(
        "project id '{id}' does not match its folder '{folder}'",
        "rename the folder or set 'id: {folder}'",
    ),
    "FT202": Message("project id '{id}' is also used by {other}", "give each project its own id"),
    "FT203": Message("household register '{register}' not found", "put the register under households/ and name it relative to the workspace"),
    "FT204": Message("'{key}' points outside the workspace: {value}", "keep every file the workspace names inside its folder"),
    "FT205": Message(
        "'{key}' is '{value}' but the workspace is a {kind}",
        "a village uses the 'village' procedure family, a community the 'community' one",
        warning=True,
    ),
    "FT206": Message("'{key}' is empty: {why}", "set it in {where}", warning=True),
    "FT207": Message("project id '{id}' is not a valid id", "use letters, digits, '-', '_' or '.', starting with a letter or digit"),
    "FT209": Message("step '{step}' is not a step of procedure '{procedure}'", "steps of '{procedure}': {known}"),
    "FT210": Message("'{key}' ({end}) is before '{start_key}' ({start})", "swap the dates or correct one of them"),
    "FT211": Message("step id '{step}' is used twice in this procedure", "give each step its own id"),
    "FT212": Message("procedure id '{id}' is already taken ({other})", "give a local procedure or stricter profile a name of its own, e.g. '{id}-strict'"),
    "FT213": Message(
        "editor schema {path} is out of date for this version of fourtwo",
        "run 'fourtwo schema --out {folder}' in the workspace",
        warning=True,
    ),
    "FT214": Message(
        "'{key}' does not belong to a {kind} step ('{step}'), so it is not read",
        "remove it, or move it to the record of the step it belongs to",
        warning=True,
    ),
    "FT220": Message(
        "timezone '{zone}' is not a time zone this machine knows, so today is taken in China (UTC+8)",
        "write an IANA name such as Asia/Shanghai or Asia/Urumqi{close}",
    ),
    "FT415": Message("{what}: {problem}", "see docs/procedures.md for the format of procedures and rules"),
    # FT3xx: household registers
    "FT301": Message("household register has no households", "an empty register can never reach coverage; fill it or fix the path"),
    "FT302": Message("household '{id}' appears twice (first on row {first})", "each household must have one row"),
    "FT303": Message("row {row} has no household id", "fill {columns}"),
    "FT304": Message("register has no column for {what}", "name a column {names}"),
    "FT305": Message("row {row}: '{column}' is not a number: {value}", "write the floor area in square metres, e.g. 86.5"),
    "FT306": Message("register file type '{suffix}' is not supported", "save it as .csv (UTF-8 or GB18030) or .xlsx"),
    "FT307": Message("CSV syntax error on row {row}: {reason}", "open it in Excel or WPS and save it again as CSV"),
    "FT308": Message(
        "only the first sheet ('{sheet}') is read; sheet(s) {others} also hold data", "put every row on the first sheet, or delete the other sheets"
    ),
    "FT309": Message(
        "row {row}: household id '{id}' holds an invisible character ({where})",
        "retype the id: a zero-width space or a direction mark makes it differ from what the eye reads",
    ),
    # FT4xx: meetings and the order of steps
    "FT401": Message("{step}: quorum not reached: {explain}", "{hint}"),
    "FT402": Message("{step}: not passed: {explain}", "{hint}"),
    "FT403": Message("'{part}' ({value}) is more than '{whole}' ({total})", "a part cannot exceed its whole: check both figures against the sign-in sheet"),
    "FT404": Message("votes cast ({votes} = {cast}) are more than those present ({present})", "for + against + abstain cannot exceed 实到"),
    "FT405": Message("'{step}' comes after '{earlier}' ({name}), which is not recorded", "{hint}"),
    "FT406": Message("'{step}' comes after '{earlier}' ({name}), which failed on {date}", "hold '{earlier}' again and record it before going on"),
    "FT407": Message("'{step}' is dated {date}, before '{earlier}' on {earlier_date}{which}", "{hint}"),
    "FT408": Message("meeting '{step}' has no '{key}'", "a meeting record needs members (应到), present (实到) and for (同意)"),
    "FT409": Message("'result: {typed}' contradicts the counts, which say {computed}", "fourtwo recomputes the result: remove 'result:' or correct the counts"),
    "FT410": Message("'{step}' merges '{merged}', {why}", "{hint}"),
    "FT411": Message(
        "'{step}' is recorded again after it passed on {date}", "keep one passing record per step; an earlier failed meeting may stay as history", warning=True
    ),
    "FT412": Message("minutes file not found: {path}", "put the minutes in the project folder and name them relative to it"),
    "FT413": Message("'{form}' is not a form of step '{step}'", "forms of '{step}': {known}"),
    "FT414": Message("'{step}' is not a meeting step of procedure '{procedure}'", "meeting steps: {known}"),
    "FT416": Message(
        "'{step}' cannot be recorded now: '{later}', which comes after it, is already recorded ({date})",
        "steps are recorded in order; correct project.yaml by hand if the later record is wrong",
    ),
    "FT418": Message(
        "'{step}' comes after '{earlier}' ({name}), whose record has missing or contradictory counts", "run 'fourtwo check' and correct that record first"
    ),
    "FT417": Message("'{step}' already passed on {date}", "nothing to record; if that record is wrong, correct project.yaml by hand"),
    "FT419": Message(
        "'{step}' also served as '{merged}' (一肩挑) but does not record the counts of '{merged}' itself",
        "add 'merged: [{{step: {merged}, members: N, present: N, for: N}}]': the rule of '{merged}' is judged on its own members, not the joint meeting's",
    ),
    "FT420": Message(
        "'{step}' ({date}) was judged by rules whose text is not quoted yet: {cite} ({pending})",
        "the rule set's period from {start} says why; once the law's text is quoted in it, nothing else changes",
        info=True,
    ),
    "FT422": Message(
        "no rules of '{step}' are in force on {date}",
        "check the meeting's date; a local procedure's rules by period must cover it (from: … until: …, docs/procedures.md)",
    ),
    # FT5xx: the canvass
    "FT501": Message("row {row}: {what}", "{hint}"),
    "FT502": Message(
        "canvass file has no 'household' and 'opinion' columns (header: {header})",
        "the first line must read household,opinion,by,date,channel,note (remove any title line above it)",
    ),
    "FT503": Message(
        "'{step}' needs the canvass done first: visited {visited} of {total} households ({percent}), below {threshold}",
        "visit {more} more household(s) to reach {needed}; 'fourtwo canvass coverage --missing' lists them",
    ),
    "FT504": Message(
        "project '{project}' has no usable household register: {why}",
        "name one under 'households: register:' in project.yaml, and run 'fourtwo check' for what is wrong with it",
    ),
    "FT505": Message("procedure '{procedure}' has no canvass step", "a project under this procedure has no household visits to record"),
    "FT506": Message(
        "the canvass is closed: '{step}' ({name}) was recorded on {date}",
        "visits after the resolution do not change it; record them in a new project if the matter reopens",
    ),
    "FT507": Message("household '{household}' is not on the project's register", "{hint}"),
    "FT508": Message(
        "{path} has no header naming a household (户号, or 楼栋 and 房号) and an opinion (意见)",
        "use the sheet 'fourtwo canvass sheet' writes, or add those columns",
    ),
    "FT509": Message("row {row}: household '{household}' is not on the project's register", "correct the id, or the register project.yaml names"),
    "FT510": Message("row {row}: visit dated {date} is outside the canvass: {why}", "check the date: a visit counts between the reviews and the resolution"),
    "FT511": Message(
        "row {row}: {what}", 'close the quote on this line, or write a quote inside a cell twice (""); rows it swallowed are not counted until then'
    ),
    "FT512": Message(
        "canvass file column '{column}' is not read: {why}",
        "name each column household, opinion, by, date, channel or note (户号, 意见, 记录人, 日期, 方式, 备注), or remove it",
        warning=True,
    ),
    "FT513": Message(
        "canvass file's header cannot take the new row: {why}",
        "make the first line household,opinion,by,date,channel,note (or 户号,意见,记录人,日期,方式,备注) by hand; nothing was written",
    ),
    "FT514": Message(
        "nothing was added to the canvass file: it does not read cleanly (the errors listed with it say where)",
        "repair those lines by hand, or restore the file from git; 'fourtwo check' confirms it reads; then run the command again",
    ),
    "FT515": Message("no visit of {household} on {date} to void", "{hint}"),
    "FT516": Message(
        "row {row}: the void of {household} on {date} cancels no visit recorded above it",
        "a void row cancels the visits of its household and date written before it: check the id and the date",
        warning=True,
    ),
    "FT517": Message(
        "{household}'s visit dated {date} does not change its opinion: row {row} records a later visit ({later})",
        "the latest visit by date gives the opinion; if row {row} is wrong, cancel it with 'fourtwo canvass void'",
        warning=True,
    ),
    "FT520": Message(
        "the register has changed since '{step}' ({date}) froze the canvass's scope: {changes}",
        "nothing to correct: past steps and notices are judged by the {households} household(s) in scope then; a new matter needs a canvass of its own",
        info=True,
    ),
    "FT521": Message(
        "'{step}' needs the canvass done first: {n} household(s) left out by their status in the register ({reasons}) are what carry the rate ({percent}) over {threshold}",
        "a household left out once the canvass has begun needs its reason and the day it was decided: record each with "
        "'fourtwo canvass exclude PROJECT HOUSEHOLD --reason … --date …' (the notice states it), or hear them",
    ),
    "FT523": Message(
        "the canvass's scope was frozen when '{step}' was recorded on {date}: a household left out now changes no step taken",
        "record the exclusion in a new project if the matter reopens",
    ),
    "FT524": Message(
        "exclusion of '{household}': {why}",
        "name a household of the project's register (in its buildings), once",
    ),
    "FT529": Message(
        "visit sheet file type '{suffix}' is not supported",
        "open it in Excel or WPS and save it as .xlsx (or .csv), then import that file",
    ),
    # FT6xx: templates and notices
    "FT601": Message("template {template}, line {line}: {problem}", "fix the template; every value it names must exist (see docs/templates.md)"),
    "FT602": Message("template not found: {template}", "a workspace's templates/ overrides built-in templates by the same name"),
    "FT603": Message(
        "the holiday calendar has no data for {year}",
        "declare {year} in fourtwo.yaml under holidays: (year: {year}, days_off: and working_days: as the State Council's notice lists them; see docs/files.md), "
        "upgrade the chinese-calendar package, or count the notice period in calendar_days",
    ),
    "FT604": Message(
        "the {kind} notice was up {length} {unit}, shorter than the {required} required", "post it again for the full period, and record the new period"
    ),
    "FT605": Message(
        "a result notice is recorded but the implementation is not", "record the completion with 'fourtwo implement' before publishing its result"
    ),
    "FT606": Message(
        "the archived notice no longer matches its records: {path}",
        "its records changed after it was posted (it was published before facts documents, so fourtwo cannot say which fact): undo the change, "
        "or if the change is right, publish a new notice that says what changed",
    ),
    "FT607": Message("archived notice not found: {path}", "the notices/ folder keeps every notice as posted; restore it from git"),
    "FT608": Message(
        "the implementation was recorded on {date} while objection {number} was unanswered",
        "answer it with 'fourtwo object --answer', then record the implementation",
    ),
    "FT609": Message("the implementation ({date}) is dated before the resolution notice came down ({end})", "work may start only after the notice period"),
    "FT614": Message(
        "the archived notice {path} was changed after it was published", "a notice is kept as posted: restore it from git; to correct one, publish it again"
    ),
    "FT610": Message("there is no {kind} notice to {what} yet", "{hint}"),
    "FT611": Message("{what} refused: {why}", "{hint}"),
    "FT612": Message("{path} is not a notice fourtwo archived (no digest found in it)", "pass a file from a project's notices/ folder"),
    "FT613": Message("no record in {project} names this notice ({digest})", "was it published from another project, or the record removed?"),
    "FT630": Message(
        "a {kind} notice cannot be without {missing}: project.yaml does not say it",
        "write {keys} in project.yaml; the procedure's '{step}' step requires it of every {kind} notice",
    ),
    "FT631": Message(
        "the result to publish reports {problem}",
        "a notice must say so plainly: record what happens next (fourtwo implement ... --next), then publish with --disclose-problems",
    ),
    "FT632": Message(
        "this result notice reports {problem}",
        "keep it posted, and record and publish what is done about it",
        warning=True,
    ),
    "FT615": Message(
        "{path} is in notices/ but no record names it",
        "a publish was cut off before its record, or the record was removed: delete the file, or restore the record from git",
    ),
    "FT616": Message(
        "the record of {path} has no '{what}', so the archived notice cannot be verified",
        "restore the record's digest: and file_digests: lines from git, or publish the notice again",
    ),
    "FT617": Message(
        "the QR code on {path} points to {found}, not to this notice's page {expected}",
        "a notice's QR code opens its own page on the site: publish it again (was site.url changed, or the file edited?)",
    ),
    "FT618": Message(
        "PDF notices need WeasyPrint and the Pango library, which cannot be loaded here: {reason}",
        "install the system packages (Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk), or publish html, md or txt",
    ),
    "FT640": Message(
        "this {kind} notice is dated {date}, before the {kind} notice already published on {earlier}",
        "notices are archived in the order they were posted: date it {earlier} or later, or if the earlier record's date is wrong, correct it by hand",
    ),
    "FT650": Message(
        "{path} no longer states what the records say: {difference}",
        "a posted notice stays as it was posted: if the records were changed by mistake, undo the change; "
        "if the change is right, the notice is no longer true: publish a new notice that says what changed",
    ),
    "FT651": Message(
        "the facts document {path} {why}, so what the notice states cannot be checked",
        "a notice's facts document is archived beside it as published: restore it from git",
    ),
    "FT652": Message(
        "the facts document {path} was written by a newer fourtwo (facts schema {schema}; this one knows up to {known})",
        "check it with the fourtwo that published it, or a newer one",
    ),
    "FT655": Message(
        "{path} is not in place: its publish was cut off after the record was written, and it waits as {pending}",
        "run 'fourtwo check' (or any command on the project) where the folder can be written: it puts the file in place",
    ),
    "FT656": Message(
        "{path} was left by a publish cut off before its record was written: no record names {final}",
        "run 'fourtwo check' (or any command on the project) where the folder can be written: it removes the file",
        warning=True,
    ),
    "FT657": Message(
        "a publish on this project was cut off; it has been {what}: {files}",
        "nothing to do: the record and the notices/ folder agree again",
        info=True,
    ),
    "FT641": Message("{day} is listed in holidays {year} both as a day off and as a working day", "keep it in one list, as the State Council's notice has it"),
    "FT642": Message("{day} is listed under holidays year {year}", "move it to the year it belongs to, or correct the year"),
    "FT643": Message("holidays {year} is declared twice; only the first is used", "merge the two into one entry"),
    # FT690-699: what is put in public loads nothing, runs nothing and is scanned whole
    "FT691": Message(
        "the PDF notice asks to load {what} ({count} address(es) in all); a notice loads nothing",
        "remove the address (an image, a stylesheet, a link with rel=attachment) from the workspace's template",
    ),
    "FT692": Message(
        "{name} would refer outside itself ({what}); a notice shows only itself",
        "remove it from the workspace's template: no script, frame, form, stylesheet or image from elsewhere, no link with a scheme",
    ),
    "FT693": Message("{path} cannot be checked for personal data: {why}", "a public site holds only what can be checked: remove it, or publish it as text"),
    # FT7xx: personal data
    "FT701": Message(
        "public notice shows a full {what} ({value}) at character {offset}",
        "public notices mask phones (138****5678) and ID numbers (first 6, last 4); publish it again",
    ),
    "FT702": Message(
        "household register with {rows} full phone or ID number(s) is tracked by git",
        "keep the full register out of the repository (list it in .gitignore) and commit a masked copy (138****5678), or none",
        warning=True,
    ),
    "FT703": Message(
        "the public site shows a full {what} ({value}) at character {offset}",
        "build the site again with 'fourtwo site' (it refuses pages with personal data) after removing the number from the records",
    ),
    # FT75x: the street office's flags (`fourtwo report`), one query each in fourtwo/office/queries/
    "FT751": Message(
        "the decision ({item}) was not made public within {limit} days: due {since}",
        "post its notice (fourtwo publish PROJECT resolution); the limit is report.decision_notice_days",
    ),
    "FT752": Message(
        "the notice period is over and the work was not done by {since}",
        "record the work (fourtwo implement), or say in project.yaml's schedule when it is now planned to end",
    ),
    "FT753": Message(
        "the work is finished and no result notice was posted within {limit} days: due {since}",
        "post the result notice (fourtwo publish PROJECT result); the limit is report.result_notice_days",
    ),
    "FT754": Message(
        "the household canvass has been open more than {limit} days: due {since}",
        "finish the visits (fourtwo canvass coverage --missing lists who is left), or close the matter",
    ),
    "FT755": Message(
        "the work began on {since}, before the decision ({item}) passed or its notice period ended (先干后议)",
        "no work starts before the decision's notice period has ended: report it as an inspection finding",
    ),
    "FT756": Message(
        "the decision's notice was posted on {since} with the canvass below its threshold ({item} households heard)",
        "the decision needed the canvass reached first: canvass again and decide again",
    ),
    "FT757": Message(
        "the notice of '{item}' posted on {since} no longer matches its records",
        "run 'fourtwo verify' on it: publish it again if the records are right, or undo the change",
    ),
    "FT758": Message(
        "objection {item} has had no answer for more than {limit} days: due {since}",
        "answer it (fourtwo object PROJECT --answer N --text ...)",
    ),
    "FT759": Message(
        "no step for more than {limit} days, waiting for '{item}': due {since}",
        "take the next step, or record why the matter stopped",
    ),
    # FT9xx: the command line (printed once, exit 2)
    "FT901": Message("no such file or folder: {path}", "check the path"),
    "FT902": Message("no fourtwo workspace (fourtwo.yaml) at or above {path}", "run 'fourtwo init' to start one, or pass the workspace folder"),
    "FT903": Message("{path} is already a fourtwo workspace", "edit its fourtwo.yaml, or choose another folder"),
    "FT904": Message("project '{id}' already exists at {path}", "choose another id, or edit the existing project"),
    "FT905": Message("{what} is not valid: {value}", "{hint}"),
    "FT906": Message("not a fourtwo file: {path}", "pass a workspace folder, a project folder, fourtwo.yaml or project.yaml"),
    "FT907": Message("no project found at {path}", "pass a project's folder or its project.yaml"),
    "FT908": Message("cannot write {path}: {reason}", "check the folder is writable and the disk is not full"),
    "FT909": Message("{path} cannot be used: it has errors", "run 'fourtwo check {path}' and fix what it reports"),
    "FT910": Message(
        "{path} is being changed by another fourtwo command (waited {seconds} s)", "try again in a moment; if no other command runs, delete its .fourtwo.lock"
    ),
    "FT911": Message("cannot tell what changed since '{ref}': {reason}", "run inside a git repository, with a revision git knows (fetch it first in CI)"),
    "FT912": Message("cannot write the output: {reason}", "is the disk full, or the file it goes to read-only?"),
    "FT913": Message("{problem}", "{hint}"),
    "FT915": Message(
        "{path} is not a folder 'fourtwo site' built (no .fourtwo-site list of its files in it), and not empty",
        "give --out a new or empty folder, or the site's own",
    ),
    "FT916": Message("cannot build the site: {why}", "{hint}"),
    "FT930": Message(
        "{path} cannot hold the site: {why}",
        "build the site outside the workspace and its repository, e.g. --out ../site: a rebuild must never touch the records",
    ),
    "FT931": Message("{path}: {why}; the site writes nothing there", "remove it: the site's folder holds only the files and folders fourtwo wrote"),
    "FT920": Message(
        "{path} is a project folder outside {projects}, where fourtwo reads projects",
        "projects live under the workspace's projects/ folder: move it there (git mv), then run the command again",
    ),
    "FT950": Message(
        "the office's commands need the duckdb and pyarrow packages ({missing} is not installed)",
        'install them with: pip install "fourtwo[office]"',
    ),
    "FT951": Message("{path} is not a fourtwo dataset (no fourtwo-dataset.json in it)", "give the folder 'fourtwo export --out' wrote"),
    "FT952": Message("the query {what} failed: {error}", "the tables and their columns are listed in docs/data.md"),
    "FT953": Message(
        "{path} holds a dataset of schema version {found}; this fourtwo reads version {version}",
        "export it again with this version of fourtwo (fourtwo export PATH... --out DIR)",
    ),
    "FT954": Message(
        "{path} is not a dataset 'fourtwo export' wrote, and not empty",
        "give --out a new or empty folder, or the dataset's own",
    ),
    "FT955": Message("{what} needs --out FILE", "an Excel workbook is written to a file: add --out report.xlsx"),
    "FT999": Message(
        "internal error: {error}",
        "this is a bug in fourtwo {version}, not in your files; please report it with the command you ran (set FOURTWO_DEBUG=1 to see the traceback)",
    ),
}
