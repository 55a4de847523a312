<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>AdverseReactionChart</name>
    <message>
        <source>Adverse reactions chart</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BenchClockBox</name>
    <message>
        <source>Clock (limits: PI 2.4; warning colours are a screen choice)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconstituted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diluted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Diluted bag will be kept:&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No reconstitution in progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dilute by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start infusion by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;Kept: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconstituted {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;Diluted {0}{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>diluted {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at dilution; latest {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Within the PI 2.4 limits: the bag may be labelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LABEL REFUSED: {0} Record the dose as wasted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BenchCorrections</name>
    <message>
        <source>Vial entered in error…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time entered in error…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which vial?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which time?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BenchDoubleCheckBox</name>
    <message>
        <source>Independent double check (second pharmacist signs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dose (mg):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume drawn (mL):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vials used:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lot on the vial:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checker&apos;s user name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checker&apos;s password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign double check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double check agrees and is signed by {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MISMATCH in {0}: recorded and NOT signed. Stop, find the cause with the preparer, and check again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BenchFinishRow</name>
    <message>
        <source>This workstation cannot print documents (no renderer is set up).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save preparation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print bag label…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record dose as wasted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BenchSignaturesBox</name>
    <message>
        <source>not verified: a pharmacist must verify this order first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not signed yet (the preparer signs once the bag is diluted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not signed yet (a second pharmacist, after the preparer signs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign as prepared…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preparer signs with their password, at this moment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I prepared this bag as recorded on the Prepare screen.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BenchTimeEntry</name>
    <message>
        <source>When the step happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier than now, at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time the step happened, local time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it is not now (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for the time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entered later: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BenchVialsBox</name>
    <message>
        <source>Vials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vial scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scan the vial&apos;s 2D code here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD, as printed on the vial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>why the code could not be scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add vial by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lot (by hand):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiry (by hand):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vials recorded ({0} of {1}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No vial recorded yet ({0} needed).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistWidget</name>
    <message>
        <source>Pre-dose checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set (Settings → Premedication)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Site premedication template&lt;/b&gt; (site policy, not label text): {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a dose to see its checklist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{0}&apos;&gt;&lt;b&gt;Checklist incomplete:&lt;/b&gt; {1} of {2} items missing.&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Checklist complete.&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tick of “{0}” by {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CourseDialog</name>
    <message>
        <source>Start a course</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I understand the BSA formula cannot change during the course</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Course starts on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HSCT planned after treatment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BSA formula (locked):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formula locked:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CourseFactsDialog</name>
    <message>
        <source>Clinical facts of the course</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Facts the pre-dose checks need that no lab result carries. A recorded VOD/SOS blocks every further dose; a long low-count period and CrCl or dialysis are checked against the label.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VOD/SOS diagnosed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clinician who made the diagnosis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ANC or platelets low since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mL/min, whole number above {0} up to {1}; blank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>why (required to remove a recorded VOD/SOS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VOD/SOS:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnosed on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnosed by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low counts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low since:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CrCl (mL/min):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On dialysis:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>No log file could be written on this computer; use Copy details instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ino-desk could not start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The error was written to the log file named below. Please send that file to your IT support or the ino-desk team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ino-desk cannot start: the label pack is missing, damaged or has been altered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dose can be calculated without the verified label pack. Reinstall ino-desk or ask your IT support to restore it; the details name the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ino-desk cannot open its database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed. The details say what is wrong with the file (for example it is in use, read-only, damaged, or from a newer ino-desk). Backups are kept in the database&apos;s backups folder; ask your IT support before replacing the file. The log file is named below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An unexpected error interrupted the last action.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before you continue, check that your last change was saved. The error was written to the log file named below; please send that file to your IT support or the ino-desk team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ino-desk — problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log file:
{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CyclePlanForm</name>
    <message>
        <source>— choose a reason —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— not recorded —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full dose (PI 2.1 Table 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total reduced by {0} % ({1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} doses per cycle ({1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep day {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who ordered this cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NPI or licence number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required to save a plan with a blocking finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record response only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the previous cycle&apos;s response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the previous cycle&apos;s response and MRD without planning another cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save cycle plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cycle starts on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cycle start date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cycle length:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cycle length in days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why longer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for 28 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous response:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response of the previous cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MRD:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MRD status of the previous cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dose level:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dose reduction for toxicity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days kept (2 doses):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prescriber:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prescriber</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prescriber ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prescriber identifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Override reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Override reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} days (extended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No course yet: start a course on the patient page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Cycle {0}&lt;/b&gt; of the course started {1}&lt;br&gt;HSCT planned: {2}; BSA formula {3} (locked)&lt;br&gt;{4}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CyclePlanView</name>
    <message>
        <source>Planned doses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No findings: the plan follows the label.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; ({1}): {2} days; BSA {3} ({4}), dosing BSA {5}; total {6} this cycle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response of cycle {0} recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This plan has a blocking finding: type an override reason to save it anyway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cycle {0} saved with {1} dose days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; overridden: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentPreviewDialog</name>
    <message>
        <source>&amp;Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This document cannot be printed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REPRINT: this document was issued before; printing records a reprint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not issued yet: printing or saving records the issue in your name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Saved to {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not printed: the printer could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DoseActs</name>
    <message>
        <source>Only when a blocking gate is overridden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new dose in mg (Reduce)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>why held, omitted, reduced or moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Override reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reduced dose (mg):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to (in window):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prepare…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Omit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entered in error…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reduce</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DoseDayView</name>
    <message>
        <source>Dose day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-dose gates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pre-dose finding for this dose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dose planned yet: plan a cycle first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A blocking finding stands: {0}. Type an override reason (saved with the dose and your name) to go on anyway.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DoseLinesModel</name>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mg/m²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drug volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NaCl 0.9%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concentration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checklist / reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DowntimeBanner</name>
    <message>
        <source>Downtime: read-only snapshot taken %1. The database cannot be reached; nothing can be saved. Record on paper (File &gt; Downtime pack) and enter it afterwards as recorded after downtime.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open without sign-in (no account can be checked): this workstation&apos;s own log-in guards it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downtime notice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DowntimeControls</name>
    <message>
        <source>&amp;Downtime pack…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and open the downtime pack: next doses, quick reference, paper forms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DOWNTIME (read-only) — </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the downtime pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the downtime pack…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downtime pack</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnteredInErrorDialog</name>
    <message>
        <source>Mark entered in error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as entered in error: {0}

The record stays, struck through, and stops counting for the rules. Say why it is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason it is wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. typed into the wrong patient</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>Create the administrator — ino-desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name (printed with signatures)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password (at least {0} characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No user exists yet. The administrator adds pharmacists, technicians and read-only users; clinical acts need those clinical accounts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>Sign in to see patient data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked after inactivity. {0} or another user must sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out. Sign in to see patient data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} window(s) with open work will close. What was saved stays saved. Sign out anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard open work?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;{0} left {1} window(s) open with work that may not be saved. Discard it and continue as {2}?&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LabDialog</name>
    <message>
        <source>Record laboratory results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawn on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ANC (×10⁹/L):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platelets (×10⁹/L):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platelets transfused since the count?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total bilirubin (mg/dL):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total bilirubin ULN (mg/dL):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AST (U/L):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AST ULN (U/L):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALT (U/L):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALT ULN (U/L):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peripheral blasts (/mm³):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LabInterfaceDialog</name>
    <message>
        <source>Laboratory interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receive laboratory results (HL7) on this workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: a folder the lab system writes to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply on this workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MLLP port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laboratory messages held for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MRN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Born</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it waits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach to patient…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>receiving on this workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not receiving here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listening on port {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not listen: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MRN of the patient this result belongs to (message says {0}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message {0} (MRN {1}) stays kept and is never imported. Why?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MLLP port: a TCP port from 1 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop folder: not a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a message in the table first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach to patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this patient is the right one:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LabelSearchPanel</name>
    <message>
        <source>Search the label (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{0} {1}&lt;/b&gt;&lt;br&gt;&lt;span style=&quot;color:{2}&quot;&gt;{3}&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} section{1} — Enter opens the best match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No section mentions “{0}”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LabelViewer</name>
    <message>
        <source>Boxed warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Section text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A−</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smaller text (Ctrl+−)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A+</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Larger text (Ctrl++)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy (Ctrl+Shift+C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print this section (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export section to PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockPanel</name>
    <message>
        <source>Sign in to continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the label (no sign-in needed)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ino-desk — {0} ({1}), US PI {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label: {0} PI {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed-in user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in: {0} ({1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New patient…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview, print or save the order sheet of the latest saved cycle (Plan tab) or the bag label of the chosen dose (Dose day tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site &amp;settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Laboratory interface…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About ino-desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About ino-desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ino-desk: {0} ({1}) pharmacist workstation.
Label pack: {2} PI {3}, DailyMed set id {4}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A bag is being prepared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reconstituted bag is not saved yet: {0}. Quit anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to print here: open a patient&apos;s “Plan cycle” tab (order sheet of the latest saved cycle) or “Dose day” tab (bag label of the chosen dose).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;witch user…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeasurementDialog</name>
    <message>
        <source>Record height and weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Height:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderSignaturesPanel</name>
    <message>
        <source>No electronic signature yet: a pharmacist verifies the order before preparation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No electronic signature on this order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Electronic signatures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify order…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &quot;verified order&quot; with your password (pharmacists)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prescriber…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the prescriber of this cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record who ordered this cycle (needed to verify)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaperTimeBox</name>
    <message>
        <source>Recorded after downtime, paper time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded after downtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time on the paper record</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PatientDialog</name>
    <message>
        <source>New patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct patient record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None known (asked and stated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No known allergies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allergies:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allergies listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. penicillin (rash)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MRN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sex:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allergy list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnosis:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for the correction:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PatientPage</name>
    <message>
        <source>Open a patient from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the patient record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Courses and cycles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Course / cycle / dose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change from course start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laboratory results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ANC ×10⁹/L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platelets ×10⁹/L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfused since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bilirubin mg/dL (ULN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AST (ULN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALT (ULN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blasts /mm³</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record height and weight…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record labs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinical facts (VOD, low counts, CrCl)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the clinical facts of the current course</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a course…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Courses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dose day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entered in error: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imported: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;font-size:14pt&apos;&gt;&lt;b&gt;{0}&lt;/b&gt;&lt;/span&gt; &amp;nbsp; MRN &lt;b&gt;{1}&lt;/b&gt; &amp;nbsp; born&amp;nbsp;{2}&amp;nbsp;(age&amp;nbsp;{6}) &amp;nbsp; {3}&lt;br&gt;Allergies: &lt;b&gt;{4}&lt;/b&gt; &amp;nbsp; Diagnosis: {5}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>typed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cumulative: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PatientTableModel</name>
    <message>
        <source>MRN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Born</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PatientsView</name>
    <message>
        <source>Find patient by name or MRN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family name[, given] or MRN (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New patient…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patients found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a family name or an MRN to find a patient.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No patient matches “{0}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the first {0} matches are listed (sorting orders only these). Type more to narrow: more letters of the family name, “Family, Given”, or more of the MRN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} shown; scroll for more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} patient{1} found.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PremedicationDialog</name>
    <message>
        <source>Site template (site policy): {0}&lt;br&gt;Lead time (site policy, the label gives none): {1} min before the infusion.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>amount and unit, e.g. 10 mg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drug:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dose:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Infusion starts at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given before the infusion.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrepareDialog</name>
    <message>
        <source>Prepare dose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparation saved; vial residue recorded as waste. Print the bag label.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The whole dose is recorded as wasted, with the reason.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrescriberDialog</name>
    <message>
        <source>Prescriber of this cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NPI or licence number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for a correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prescriber:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prescriber ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reconnection</name>
    <message>
        <source>The database answers again: switch to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database answers again; the banner is gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database answers again. This window still shows the read-only snapshot: switch to the database to work on it (sign-in needed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch to the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen on the database; it asks for sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the database now (it is also tried every %1 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database still cannot be reached; still on the snapshot.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rights</name>
    <message>
        <source>Not for {0}: may not {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RowCorrections</name>
    <message>
        <source>Entered in error…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the selected row entered in error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SectionTree</name>
    <message>
        <source>Sections of the prescribing information</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Site settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: doses as calculated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To whole vials when within N %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than 0, at most {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} to {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off; or {0} to {1} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Single-pharmacist site: the planner may verify own orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A typed value outside its range asks the user to confirm it (e.g. pounds typed as kilograms). One line per value: name: low to high.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encrypted: empty keeps the passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plain: set one to encrypt every backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default BSA formula:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dose rounding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rounding tolerance (%):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Premedication lead time (min, site policy):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Premedication template (drug, dose, route):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bag label size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password aging (days, site policy):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order verification (site policy):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plausible ranges (confirm outside; not label rules):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>J9229 billing (site rule):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New backup passphrase (restore asks it):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup passphrase again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for the change:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in — ino-desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to see patient data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at least {0} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} Choose a new password to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change password and sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <source>Electronic signature — ino-desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Meaning of this signature: {0}&lt;/b&gt;&lt;br&gt;{1}&lt;br&gt;Signing binds your name to this order as it is now; a later change voids it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dose you measured (mg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drug volume you drew (mL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vials you counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartWindow</name>
    <message>
        <source>ino-desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ino-desk is starting: opening the database…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StateFilter</name>
    <message numerus="yes">
        <source>All %n</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every state: %n doses</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0}: %n doses</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyringeFields</name>
    <message>
        <source>Typed from the site&apos;s copy of the PI; printed as {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syringe method {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syringe method (PI 2.4, {0}):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>Scan a bag label or a vial to open its dose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan a bag label or vial to open its dose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today and tomorrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient name or MRN starts with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient: family[, given] or MRN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh the work queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work queue: doses due, Enter opens the dose day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Work queue: doses due {0}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Work queue: doses due {0} and {1}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first {0} doses of {1} are listed: type a patient name or MRN to find the others.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of the {1} doses due are for patients matching “{2}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened the dose of {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dose is due on these days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter or a double click opens the dose day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Users — ino-desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a user first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (recorded in the audit trail):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} is now {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password for {0}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of {0} reset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} unlocked.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to ino-desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome to ino-desk&lt;/h2&gt;{0} ({1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every patient, dose and audit record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a copy is taken at each start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send these files when reporting a problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Your data lives on this computer:&lt;/p&gt;&lt;table&gt;{0}&lt;/table&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doses, thresholds and schedules come from the &lt;b&gt;{0} prescribing information, revision {1}&lt;/b&gt; (label pack checked at start). Open the Label screen to read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is empty. To try the workstation you may add {0} &lt;b&gt;clearly fictional&lt;/b&gt; demo patients (MRN DEMO…, diagnosis marked “DEMO - fictional patient”). &lt;span style=&apos;color:{1}&apos;&gt;Do not add demo data to a database for real patients.&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add {0} fictional demo patients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add fictional demo patients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start with an empty database</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkQueueModel</name>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MRN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cycle / day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bag clock (PI 2.4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stands against giving it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In preparation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Omitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dilute by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>complete by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconstituted %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the course rules…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No stop or blocking finding for giving it on its day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STOP: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>application</name>
    <message>
        <source>The label viewer could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added {0} fictional demo patients.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ino-desk — label</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>document_printing</name>
    <message>
        <source>Reconstitution time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preparation is recorded for this dose. The label&apos;s limits count from the reconstitution time (local clock).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconstituted at</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>entered_in_error</name>
    <message>
        <source>Mark entered in error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entered in error: {0}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Refused, and no override is possible: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An unexpected error stopped this action; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>plausibility</name>
    <message>
        <source>Check the values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}

Save these values as typed?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit: {0} or {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>session</name>
    <message>
        <source>&amp;Users…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
