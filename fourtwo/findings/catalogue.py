"""Every message a user reads, in one place, each under a stable code.

Codes never change meaning once released; docs/checks.md documents each one.
The English `text` and `hint` are the msgids of the gettext catalogue
(fourtwo/locale/zh_CN/LC_MESSAGES/fourtwo.po): `diag` translates them, then formats
them with the finding's named arguments. Adding a message is one entry here and its
translation there (`python docs/make_locale.py` adds the msgid to the .po and compiles it).
"""

from __future__ import annotations

from fourtwo.findings.catalogue_later import LATER
from fourtwo.findings.message import Message

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
    "FT012": Message(
        "'{key}' holds a control character ({char}): not read",
        "write the value without it (in double quotes, \\0 and \\x1b are control characters)",
    ),
    "FT013": Message(
        "{path} cannot be written: {why}",
        "write it outside the workspaces and their repositories, as a plain file or folder, e.g. --out ../报告.csv: the records are never written over",
    ),
    "FT014": Message(
        "{what} is a link to {target}: a project's folder is a folder of its own; not read",
        "replace the link with the folder itself (git keeps links as they are)",
    ),
    # FT020-029: values and paths that would take a command outside its bounds
    "FT015": Message(
        "{what} is a link to {target}, outside the workspace: nothing is written through it",
        "make it a folder of the workspace (move what it leads to into the workspace), then run the command again",
    ),
    "FT018": Message(
        "the system refused {path}: {reason}",
        "give a path the system takes: each name in it at most 255 bytes (about 85 Chinese characters), in folders you may read and write",
    ),
    "FT019": Message(
        "{what} is {kind}, not a folder: nothing in it is read",
        "the workspace keeps projects/, households/, procedures/, templates/ and .fourtwo/ as folders: move the file away and make the folder (fourtwo init makes them)",
    ),
    "FT016": Message(
        "{path} was left by a command stopped while it wrote {name} (or writing it now): {name} is as it was before that command",
        "delete {path}, then run the command again if its change is wanted",
        warning=True,
    ),
    "FT017": Message(
        "{path} holds no project.yaml: it is no project, and no command reads it",
        "delete the folder (a 'fourtwo new' stopped before it wrote the project leaves one), or write the project: fourtwo new {name} --workspace {folder}",
        warning=True,
    ),
    "FT020": Message("'{key}' is outside the dates a record can have: {value}", "{hint}"),
    "FT110": Message("'{key}' is {value}, a day still to come: a record states what has happened", "{hint}"),
    "FT022": Message(
        "{count} more finding like the ones above in this file is not listed ({codes})",
        "fix the rows listed and check again: the rest are alike, and a file of thousands of bad rows is rarely the right file",
        plural="{count} more findings like the ones above in this file are not listed ({codes})",
        count="count",
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
    "FT105": Message("'{key}' must be one of {choices}, found '{value}'", "{hint}", settable=True),
    "FT106": Message("'{key}' must be {bound}, found {value}", "{hint}", settable=True),
    "FT107": Message("unknown procedure '{name}'", "known procedures: {known}"),
    "FT108": Message("'{key}' is not a valid {what}: {value}", "write a number with at most two decimals, e.g. {example}"),
    "FT109": Message("'{key}' must not be empty", "{hint}", settable=True),
    # FT2xx: the workspace and its projects
    "FT201": Message(
        "project id '{id}' does not match its folder '{folder}'",
        "rename the folder or set 'id: {folder}'",
    ),
    "FT202": Message("project id '{id}' is also used by {other}", "give each project its own id"),
    "FT203": Message(
        "household register '{register}' not found",
        "put the register there, or name the one it is (under households/): fourtwo correct project {folder} --households … --reason …",
    ),
    "FT234": Message(
        "household register '{register}' not found: the file there, '{found}', reads the same but is written with other code points",
        "name it as project.yaml does (macOS writes accents and some characters decomposed, NFD): rename the file, e.g. git mv, and commit",
    ),
    "FT204": Message("'{key}' points outside the workspace: {value}", "keep every file the workspace names inside its folder"),
    "FT205": Message(
        "'{key}' is '{value}' but the workspace is a {kind}",
        "a village uses the 'village' procedure family, a community the 'community' one",
        warning=True,
    ),
    "FT206": Message("'{key}' is empty: {why}", "set it: {where}", warning=True),
    "FT207": Message(
        "project id '{id}' is not a valid id: {why}",
        "an id is one every system takes as a folder's name: letters, digits, '-', '_' or '.', e.g. 2024-hongmeiyuan-activity-area",
    ),
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
    "FT308": Message("only the first sheet ('{sheet}') is read, not {others}", "put every row on the first sheet, or delete the other sheets"),
    "FT309": Message(
        "row {row}: household id '{id}' holds an invisible character ({where})",
        "retype the id: a zero-width space or a direction mark makes it differ from what the eye reads",
    ),
    "FT310": Message(
        "row {row}: a cell holds a control character ({char}): the household is not read",
        "retype the cell in Excel or WPS: a character that moves the cursor or rings a bell is no text",
    ),
    "FT230": Message(
        "register column '{column}' looks like part of the household id but is not read, so ids are formed from {used} alone",
        "name it as a part of the id (楼栋/楼号, 单元/单元号, 房号/门牌号), or remove it; households would otherwise merge",
    ),
    "FT231": Message(
        "register column '{column}' names {field}, which column {first} gives already; it is not read",
        "keep one of the two columns, or rename one",
        warning=True,
    ),
    "FT232": Message(
        "register column '{column}' looks like part of the household id but is not read (the id comes from the id column)",
        "remove it, or name it as the part it is (楼栋, 单元, 房号)",
        warning=True,
    ),
    "FT233": Message(
        "household register '{register}' is not in this checkout: git ignores it, as it holds residents' personal data; the checks of each household (coverage, the households visited) are not run here",
        "nothing to fix in CI; where the register is (the clerk's machine), 'fourtwo check' runs them. With --strict, leave this out: --ignore FT233",
        warning=True,
    ),
    # FT4xx: meetings and the order of steps
    "FT401": Message("{step}: quorum not reached: {explain}", "{hint}"),
    "FT402": Message("{step}: not passed: {explain}", "{hint}"),
    "FT403": Message(
        "'{part}' ({value}) is more than '{whole}' ({total})", "a part cannot exceed its whole: check both figures against the sign-in sheet{fix}"
    ),
    "FT404": Message("votes cast ({votes} = {cast}) are more than those present ({present})", "for + against + abstain cannot exceed 实到{fix}"),
    "FT405": Message("'{step}' comes after '{earlier}', which is not recorded", "{hint}"),
    "FT406": Message("'{step}' comes after '{earlier}', which failed on {date}", "{fix}"),
    "FT407": Message("'{step}' is dated {date}, before '{earlier}' on {earlier_date}{which}", "{hint}"),
    "FT408": Message("meeting '{step}' has no '{key}'", "a meeting record needs members (应到), present (实到) and for (同意){fix}"),
    "FT409": Message(
        "'result: {typed}' contradicts the counts, which say {computed}",
        "the result follows the counts: where they are right, set it with 'fourtwo correct meeting {project} {step} --held {date} --reason …'; "
        "where a count is wrong, give it too (--present … --for …)",
    ),
    "FT410": Message("'{step}' merges '{merged}', {why}", "{hint}"),
    "FT411": Message(
        "'{step}' is recorded again after it passed on {date}", "keep one passing record per step; an earlier failed meeting may stay as history", warning=True
    ),
    "FT412": Message("minutes file not found: {path}", "put the minutes in the project folder and name them relative to it"),
    "FT413": Message("'{form}' is not a form of step '{step}'", "forms of '{step}': {known}"),
    "FT414": Message("'{step}' is not a meeting step of procedure '{procedure}'", "meeting steps: {known}"),
    "FT416": Message(
        "'{step}' cannot be recorded now: '{later}', which comes after it, is already recorded ({date})",
        "{fix}",
    ),
    "FT418": Message(
        "'{step}' comes after '{earlier}', whose record has missing or contradictory counts",
        "correct that record first: fourtwo correct meeting {project} {earlier} --members … --present … --for … --reason …",
    ),
    "FT417": Message(
        "'{step}' already passed on {date}",
        "nothing to record; if that record is wrong, correct it: fourtwo correct meeting {project} {step} --present … --for … --reason …",
    ),
    "FT419": Message(
        "'{step}' also served as '{merged}' (一肩挑) but does not record the counts of '{merged}' itself",
        "the rule of '{merged}' is judged on its own members: withdraw this record (fourtwo correct withdraw {project} {step} --reason …) and record it again with --merges {merged} --merged-members … --merged-present … --merged-for …",
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
    "FT430": Message("{step}: not made up as its law says: {explain}", "{hint}"),
    "FT431": Message(
        "'{part}' ({value}) is more than '{whole}' ({total}): {why}{basis}",
        "counts that cannot both be true: check both against the sign-in sheet and the ballots{fix}",
    ),
    "FT432": Message(
        "'{merged}' held within '{step}' (一肩挑): {problem}",
        "the 支委 are members of the joint meeting: their counts fit inside its counts; to record them again, withdraw the record "
        "(fourtwo correct withdraw {project} {step} --reason …), then record it with --merges {merged} --merged-members … --merged-present … --merged-for …",
    ),
    "FT433": Message(
        "the work is recorded as started on {started}, {why}",
        "先干后议: work starts once the matter is decided and its notice period has ended; {fix}",
    ),
    # FT5xx: the canvass
    "FT501": Message("row {row}, {column}: {what}", "{hint}"),
    "FT502": Message(
        "canvass file has no 'household' and 'opinion' columns (header: {header})",
        "the first line must read household,opinion,by,date,channel,note (remove any title line above it)",
    ),
    "FT503": Message(
        "'{step}' needs the canvass done first: visited {visited} of {total} household ({percent}), below {threshold}",
        "visit {more} more household to reach {needed}; 'fourtwo canvass coverage {project} --missing' lists it",
        plural="'{step}' needs the canvass done first: visited {visited} of {total} households ({percent}), below {threshold}",
        count="total",
        hint_plural="visit {more} more households to reach {needed}; 'fourtwo canvass coverage {project} --missing' lists them",
        hint_count="more",
    ),
    "FT504": Message(
        "project '{project}' has no usable household register: {why}",
        "name it (a register in the workspace's households/): fourtwo correct project {folder} --households … --reason …; 'fourtwo check' says what is wrong with a register",
    ),
    "FT505": Message("procedure '{procedure}' has no canvass step", "a project under this procedure has no household visits to record"),
    "FT506": Message(
        "the canvass is closed: '{step}' was recorded on {date}",
        "visits recorded after '{step}' change nothing it took; record them in a new project if the matter reopens",
    ),
    "FT507": Message("household '{household}' is not on the project's register", "{hint}"),
    "FT508": Message(
        "{path} has no header naming a household (户号, or 楼栋 and 房号) and an opinion (意见)",
        "use the sheet 'fourtwo canvass sheet' writes, or add those columns",
    ),
    "FT509": Message(
        "row {row}: household '{household}' is not on the project's register",
        "if the id is wrong, cancel the visit (fourtwo canvass void {project} {household} --date {date} --reason …) and record it again under the right id",
    ),
    "FT510": Message("row {row}: visit dated {date} is outside the canvass: {why}", "check the date: a visit counts between the reviews and the resolution"),
    "FT511": Message(
        "row {row}: {what}", 'close the quote on this line, or write a quote inside a cell twice (""); rows it swallowed are not counted until then'
    ),
    "FT512": Message(
        "canvass file column '{column}' is not read: {why}",
        "name each column household, opinion, by, date, channel or note (户号, 意见, 走访人, 日期, 方式, 备注), or remove it",
        warning=True,
    ),
    "FT513": Message(
        "canvass file's header cannot take the new row: {why}",
        "nothing was written: open it in Excel or WPS and head its columns 户号,意见,走访人,日期,方式,备注 (or household,opinion,by,date,channel,note), or restore it from git",
    ),
    "FT514": Message(
        "nothing was added to the canvass file: it does not read cleanly (the errors listed with it say where)",
        "open it in Excel or WPS and save it again as CSV, or restore it from git; 'fourtwo check' confirms it reads; then run the command again",
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
        "nothing to correct: past steps and notices are judged by the {households} household in scope then; a new matter needs a canvass of its own",
        hint_plural="nothing to correct: past steps and notices are judged by the {households} households in scope then; a new matter needs a canvass of its own",
        hint_count="households",
        info=True,
    ),
    "FT521": Message(
        "'{step}' needs the canvass done first: {n} household left out by its status in the register ({reasons}) is what carries the rate ({percent}) over {threshold}",
        "a household left out once the canvass has begun needs its reason and the day it was decided: record them with "
        "'fourtwo canvass exclude {project} {households} --reason … --date …' (the notice states it), or hear them",
        plural="'{step}' needs the canvass done first: {n} households left out by their status in the register ({reasons}) are what carry the rate ({percent}) over {threshold}",
        count="n",
    ),
    "FT523": Message(
        "the canvass's scope was frozen when '{step}' was recorded on {date}: a household left out now changes no step taken",
        "{fix}",
    ),
    "FT524": Message(
        "exclusion of '{household}': {why}",
        "{fix}",
    ),
    "FT525": Message(
        "the canvass's scope was frozen when '{step}' was recorded on {date}: the exclusion of '{household}' is part of it and is not withdrawn now",
        "past steps and notices are judged by the scope frozen then; if it was heard, say why it stands: {command}",
    ),
    "FT526": Message("'{household}' is not in the canvass's scope: {why}; a visit to it would not be counted", "{hint}"),
    "FT527": Message(
        "'{step}' on {date} would leave the visits of {days} outside the canvass's days ({opens} to {closes}): they would not be counted",
        "steps and visits happen in order: check the date against the minutes; a visit recorded on the wrong day is cancelled with 'fourtwo canvass void' and recorded again",
    ),
    "FT530": Message(
        "household {household} gave different opinions on {date}: {opinions}",
        "one household has one opinion a day: ask which stands, cancel that day's visits "
        "(fourtwo canvass void {project} {household} --date {date} --reason …) and record the one that stands",
        warning=True,
    ),
    "FT528": Message(
        "row {row}: household '{household}' was not in the canvass's scope when '{step}' ({date}) froze it: this opinion counts for nothing",
        "the canvass is judged by the households in scope then; a household the register gained since is heard in a canvass of its own (a new matter)",
        warning=True,
    ),
    "FT531": Message(
        "the scope '{step}' ({date}) froze counts {households} but lists {listed} ids: it was changed after the command wrote it",
        "restore project.yaml from git (git log -p shows the edit): the scope is written by the command, and every later figure is counted against it",
    ),
    "FT529": Message(
        "visit sheet file type '{suffix}' is not supported",
        "open it in Excel or WPS and save it as .xlsx (or .csv), then import that file",
    ),
}
MESSAGES.update(LATER)  # FT6xx-FT9xx, in code order after the rest
