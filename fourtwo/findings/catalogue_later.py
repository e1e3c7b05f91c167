"""The catalogue's codes of the notices, personal data, corrections and the command line
(FT6xx-FT9xx); fourtwo.findings.catalogue holds the rest and joins them into MESSAGES."""

from __future__ import annotations

from fourtwo.findings.message import Message

LATER: dict[str, Message] = {
    # FT6xx: templates and notices
    "FT601": Message("template {template}, line {line}: {problem}", "fix the template; every value it names must exist (see docs/templates.md)"),
    "FT602": Message("template not found: {template}", "a workspace's templates/ overrides built-in templates by the same name"),
    "FT603": Message(
        "the holiday calendar has no data for {year}",
        "declare {year} as the State Council's notice lists its days: fourtwo correct workspace {folder} --holiday-year {year} --days-off … --working-days … "
        "(docs/files.md, holidays), or upgrade the chinese-calendar package: a period in calendar days needs it too, to tell whether its last day is a statutory holiday",
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
    "FT609": Message("the implementation ({date}) is dated before '{notice}' came down ({end})", "work may start only after the notice period"),
    "FT614": Message(
        "the archived notice {path} was changed after it was published", "a notice is kept as posted: restore it from git; to correct one, publish it again"
    ),
    "FT610": Message("there is no {kind} notice to {what} yet", "{hint}"),
    "FT611": Message("{what} refused: {why}", "{hint}"),
    "FT612": Message("{path} is not a notice fourtwo archived (no digest found in it)", "pass a file from a project's notices/ folder"),
    "FT613": Message("no record in {project} names this notice ({digest})", "was it published from another project, or the record removed?"),
    "FT621": Message(
        "{path} prints the digest of trace code {printed}, but its record keeps trace code {recorded}: the record or its facts document was changed after the notice was published",
        "restore project.yaml and the facts document as published (git log -p shows the change); a fact that was wrong is corrected with 'fourtwo correct' and the notice published again",
    ),
    "FT622": Message(
        "the QR code printed on {path} leads to {found}, the site's address when it was posted; the site is now at {now}",
        "keep the old address leading to the new one (a redirect), so that the posted paper still opens its page; a notice published from now on carries the new address",
        info=True,
    ),
    "FT630": Message(
        "a {kind} notice cannot be without {missing}: project.yaml does not say it",
        "add it: fourtwo correct project {project} {options} --reason …; the procedure's '{step}' step requires it of every {kind} notice",
    ),
    "FT631": Message(
        "the result to publish reports {problem}",
        "a notice must say so plainly: record what happens next (fourtwo correct implementation {project} --next … --reason …), then publish with --disclose-problems",
    ),
    "FT632": Message(
        "this result notice reports {problem}",
        "keep it posted, and record and publish what is done about it",
        warning=True,
    ),
    "FT660": Message(
        "a {kind} notice must say how to object: fourtwo.yaml gives no phone, and no place with its office hours",
        "set one: fourtwo correct workspace {folder} --hotline 0951-6012345, or --objection-place … --office-hours … (a place where residents object in person, and when)",
    ),
    "FT662": Message(
        "the progress notice to publish reports {problem}",
        "a notice must say so plainly: publish it with --next (what is done about it) and --disclose-problems",
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
    "FT619": Message(
        "the {kind} notice of {date} ({files}) is recorded again: it is the notice {first}, the same facts published again",
        "nothing to correct: publishing a notice that states what the latest of its kind states now records nothing (on its own day it adds the formats it lacks), and these records stay as they were posted",
        info=True,
    ),
    "FT633": Message(
        "the result notice is dated {date}, before the acceptance (验收) it states, on {accepted}",
        "a result notice comes once the work is accepted: post it on or after {accepted} (fourtwo publish {project} 结果 --date {accepted}); "
        "if the acceptance date is wrong: fourtwo correct implementation {project} --accepted-on … --reason …",
    ),
    "FT634": Message(
        "'{step}' cannot be posted on {date}: '{later}', which comes after it, is already recorded on {later_date}",
        "post it on or before {later_date} (fourtwo publish {project} {kind} --date …); if that date of '{later}' is wrong: {fix}",
    ),
    "FT635": Message("re-acceptance (复验) refused: {why}", "{hint}"),
    "FT636": Message("{option} {why}", "{hint}"),
    "FT640": Message(
        "this {kind} notice is dated {date}, before the {kind} notice already published on {earlier}",
        "notices are archived in the order they were posted: date it {earlier} or later",
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
    "FT661": Message(
        "holidays {year} leaves out {days}, statutory holidays every year has ({basis})",
        "list every day off of the year's holidays under days_off, as the State Council's notice for {year} has them; until then no period in {year} is counted",
    ),
    # FT690-699: what is put in public loads nothing, runs nothing and is scanned whole
    "FT691": Message(
        "the PDF notice asks to load {what} ({count} address in all); a notice loads nothing",
        "remove the address (an image, a stylesheet, a link with rel=attachment) from the workspace's template",
        plural="the PDF notice asks to load {what} ({count} addresses in all); a notice loads nothing",
        count="count",
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
        "household register with {rows} full phone or ID number is tracked by git",
        "keep the full register out of the repository (list it in .gitignore) and commit a masked copy (138****5678), or none",
        warning=True,
        plural="household register with {rows} full phone or ID numbers is tracked by git",
        count="rows",
    ),
    "FT703": Message(
        "the public site shows a full {what} ({value}) at character {offset}",
        "build the site again with 'fourtwo site' (it refuses pages with personal data) after removing the number from the records",
    ),
    "FT704": Message(
        "git could not be asked whether the household registers are committed ({why}): a register with full phone or ID numbers may be on its way to being public",
        "run the check where git can read the repository (a repository of another user needs: git config --global --add safe.directory FOLDER), or run it without git",
        warning=True,
    ),
    "FT663": Message(
        "the {field} of objection {number} shows a full {what} ({value}); notices print it as written",
        'take the number out: fourtwo correct objection {project} {number} --{key} "…" --reason … (its history keeps it masked)',
        warning=True,
    ),
    "FT664": Message(
        "the {field} of objection {number} held a full {what}: recorded masked ({value}), as notices print it",
        "a resident's phone or ID number is kept where the office keeps its contacts, not in the project's record",
        warning=True,
    ),
    "FT665": Message("objection {number}: {problem}", "{hint}"),
    "FT666": Message(
        "why {household} is left out held a full {what}: recorded masked ({value}), as notices print it",
        "a resident's phone or ID number is kept where the office keeps its contacts, not in the project's record",
        warning=True,
    ),
    "FT668": Message(
        "the note of a visit to {household} held a full {what}: recorded masked ({value})",
        "canvass.csv is kept, and committed, with the records: a resident's phone or ID number is kept where the office keeps its contacts",
        warning=True,
    ),
    "FT669": Message(
        "the note of row {row} (a visit to {household}) shows a full {what} ({value}); canvass.csv is kept, and committed, with the records",
        "keep a resident's number where the office keeps its contacts: take it out of the note in Excel or WPS ('fourtwo canvass record' masks one typed in a note)",
        warning=True,
    ),
    "FT667": Message(
        "why {household} is left out shows a full {what} ({value}); notices print it as written",
        'take the number out: fourtwo correct exclusion {project} {household} --why "…" --reason … (its history keeps it masked)',
        warning=True,
    ),
    # FT8xx: corrections of the records
    "FT801": Message(
        "the {kind} notice posted {posted} ({file}) no longer says what the records say since a correction: {correction}",
        "publish it again: fourtwo publish {project} {kind}",
        warning=True,
    ),
    "FT802": Message(
        "no Chinese font is installed that WeasyPrint can use: {n} character of the notice would print as a box ({characters}); no PDF was written",
        "install a CJK font (Debian/Ubuntu: apt-get install fonts-noto-cjk), or publish html (printed from a browser) instead of pdf",
        plural="no Chinese font is installed that WeasyPrint can use: {n} characters of the notice would print as boxes ({characters}); no PDF was written",
        count="n",
    ),
    "FT803": Message(
        "{path} is there already: a form's workbook may hold opinions typed in and not yet imported",
        "import it first (fourtwo canvass import projects/{project} {path}), then write the form again with --force to replace it; or name another file with --out",
    ),
    # FT75x: the street office's flags (`fourtwo report`), one query each in fourtwo/office/queries/
    "FT804": Message(
        "the {kind} notice posted {date} is marked withdrawn, but a posted notice stays posted: nothing takes it back",
        "restore its record from git (git log -p shows the change): a notice that said something wrong is followed by a new one, fourtwo publish {project} {kind}",
    ),
    "FT805": Message(
        "{step} of {date} is marked withdrawn, but no correction says who withdrew it, when or why",
        "restore project.yaml from git (git log -p shows the change), then withdraw it with the command, which keeps why: fourtwo correct withdraw {project} {step_id} --held {date} --reason …",
    ),
    "FT751": Message(
        "the decision ({item}) was not made public within {limit} day: due {since}",
        "post the notice that makes it public: fourtwo publish PROJECT (the procedure's decision notice: the resolution notice, or in the seed's form the progress notice); the limit is report.decision_notice_days",
        plural="the decision ({item}) was not made public within {limit} days: due {since}",
        count="limit",
    ),
    "FT752": Message(
        "the notice period is over and the work was not done by {since}",
        "record the work (fourtwo implement PROJECT --completed … --cost …), or say when it is now planned to end (fourtwo correct project PROJECT --end … --reason …)",
    ),
    "FT753": Message(
        "the work is finished and no result notice was posted within {limit} day: due {since}",
        "post the result notice (fourtwo publish PROJECT result); the limit is report.result_notice_days",
        plural="the work is finished and no result notice was posted within {limit} days: due {since}",
        count="limit",
    ),
    "FT754": Message(
        "the household canvass has been open more than {limit} day: due {since}",
        "finish the visits (fourtwo canvass coverage --missing lists who is left), or close the matter",
        plural="the household canvass has been open more than {limit} days: due {since}",
        count="limit",
    ),
    "FT755": Message(
        "the work began on {since}, before the decision ({item}) passed or its notice period ended (先干后议)",
        "no work starts before the decision's notice period has ended: report it as an inspection finding",
    ),
    "FT756": Message(
        "the decision's notice was posted on {since} with the canvass below its threshold (households heard: {item})",
        "the decision needed the canvass reached first: canvass again and decide again",
    ),
    "FT757": Message(
        "the notice of '{item}' posted on {since} no longer matches its records",
        "run 'fourtwo verify' on it: publish it again if the records are right, or undo the change",
    ),
    "FT758": Message(
        "objection {item} has had no answer for more than {limit} day: due {since}",
        "answer it (fourtwo object PROJECT --answer N --text ...)",
        plural="objection {item} has had no answer for more than {limit} days: due {since}",
        count="limit",
    ),
    "FT759": Message(
        "no step for more than {limit} day, waiting for '{item}': due {since}",
        "take the next step, or record why the matter stopped",
        plural="no step for more than {limit} days, waiting for '{item}': due {since}",
        count="limit",
    ),
    # FT9xx: the command line (printed once, exit 2)
    "FT901": Message("no such file or folder: {path}", "check the path"),
    "FT902": Message("no fourtwo workspace (fourtwo.yaml) at or above {path}", "run 'fourtwo init' to start one, or pass the workspace folder"),
    "FT903": Message("{path} is already a fourtwo workspace", "go on there with 'fourtwo new', or choose another folder"),
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
    "FT914": Message(
        "the current folder is not there any more (deleted or moved after the shell went into it)",
        "cd to a folder that exists, then run the command again",
    ),
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
    "FT921": Message(
        "{path} is not in a project's folder, and no workspace is here to look for its project in",
        "run the command inside the workspace, or name it: fourtwo verify {path} --workspace DIR",
    ),
    "FT922": Message(
        "no project of the workspace {workspace} records the notice {path}",
        "was it published from another workspace (--workspace DIR), or is this not the file as posted?",
    ),
    "FT923": Message(
        "no notice of the workspace {workspace} has the trace code {trace}",
        "type the code as printed at the notice's foot (核验码, e.g. 1035-C37A), or give the notice's file: fourtwo verify FILE",
    ),
    "FT924": Message(
        "the trace code {trace} is printed on more than one notice: {files}",
        "name the notice by its file: fourtwo verify FILE",
    ),
    "FT620": Message(
        "'{household}' was heard ({opinion}) on {heard}, canvass.csv line {row}, and is left out of the canvass (on {date}): its opinion would leave the counts",
        "a household heard stays in the canvass's scope; {fix}",
    ),
    "FT925": Message(
        "the notice {posted} cannot be given this format: {path} is already in notices/ and no record names it",
        "see what that file is ('fourtwo check' reports it, FT615) and move it out of notices/, then publish again",
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
    "FT956": Message(
        "--date {date} is before the records: {project} holds a step of {latest}",
        "a report judges the records as they are, on a day no earlier than the latest of them: give --date {latest} or later",
    ),
    "FT957": Message("{path} cannot be read as a fourtwo dataset: {why}", "give the folder 'fourtwo export --out' wrote, as it wrote it"),
    "FT955": Message("--format xlsx needs --out FILE", "an Excel workbook is written to a file: add --out report.xlsx"),
    "FT958": Message(
        "{path} was being written by an export that was stopped: its tables are part of one export, part of another",
        "export it again into the same folder (fourtwo export PATH... --out {path}); nothing reads it until then",
    ),
    "FT959": Message(
        "the organisation's name {organisation} is too long to name a folder of the dataset (size {size}; a folder's name holds at most 255 bytes)",
        "give the organisation a shorter name: fourtwo correct workspace FOLDER --name …",
    ),
    "FT999": Message(
        "internal error: {error}",
        "this is a bug in fourtwo {version}, not in your files; please report it with the command you ran (set FOURTWO_DEBUG=1 to see the traceback)",
    ),
}
