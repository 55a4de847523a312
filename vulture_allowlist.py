"""Names vulture cannot see used (issue 15): each is called or read by a framework, a file
format or a tool outside `src/`, never by ino-desk's own code. Reviewed by hand; add a name
only with its reason. `./scripts/test` runs `vulture` with this file (pyproject.toml)."""

# ruff: noqa: B018, F821

# SQLAlchemy TypeDecorator hooks and settings (persistence/column_types.py).
_.impl
_.cache_ok
_.process_bind_param
_.process_result_value

# SQLAlchemy event listeners (registered by @event.listens_for) and the DB-API connection
# attributes they set (persistence/sqlite_engine.py, snapshot.py, server.py).
_on_connect
_on_begin
_.isolation_level
_.text_factory

# decimal's context attribute, set in a localcontext (domain/bsa.py).
_.prec

# ReportLab's Flowable.wrap(availWidth, availHeight) signature (pdf/bag_label.py, barcodes.py).
avail_width
avail_height

# ReportLab's QRCode.make() calls this override (pdf/qr_mask.py: the same mask, scored faster).
_.getBestMaskPattern

# Columns and dataclass fields that are stored and read back through the record <-> entity
# mappers (dataclasses.fields / asdict), audited, and copied into the downtime snapshot.
disabled_at
facts_recorded_by
lab_result_id
resolved_by
coding_system
checked_at

# Values of stored or loaded vocabularies: removing one would make a stored row or a label
# pack entry unreadable (patient sex, document kinds, the label pack's source marks).
OTHER
UNKNOWN
PREPARATION_RECORD
REPORT
COMPENDIUM

# Fields of the label pack's schema (domain/rules.py): the loader fills every field from
# constants.toml and checks the pack against them; the viewer shows them with their section.
spl_date
treatment_free_interval_start_day
cr_marrow_blasts_below_percent
cr_platelets_min_10e9_per_l
cr_anc_min_10e9_per_l
contraindications
contraception_female_months
contraception_male_months
no_breastfeeding_months
renal_no_change_crcl_max_ml_per_min

# Called from outside src/: scripts/rehash_label_pack.py and benchmarks/backup_encryption.py.
write_checksums
passphrase_opens

# Qt virtual overrides, called by Qt itself (ui/).
_.headerData
_.columnCount
_.fetchMore
_.paintEvent
# QLayout's virtuals (ui/common/flow_layout.py): the layout system calls them.
_.itemAt
_.takeAt
_.expandingDirections
_.hasHeightForWidth

# ui/: read-only seams the GUI tests and benchmarks assert on, so they never reach into a
# widget's private parts (ruff SLF): the search status, index build time, current section,
# a jump to a search hit, highlight count and text size of the label viewer; the bag label's
# preview and the signature dialog the bench opened; a dose's row in the work queue; a form's
# error under a field; the findings as plain text; a print preview's page count.
_.search_status
_.index_build_ms
_.label_preview
_.sign_dialog
_.row_of
_.current_key
_.jump_to_hit
_.highlight_count
_.font_point_size
_.error_text
_.plain_text
_.page_count

# ---- Reviewed, kept although only tests read them (issue 15)
# The log file's close: the suite's in-process runs release the file between runs
# (tests/cli/inprocess.py). The product leaves it to logging.shutdown at exit, so a worker
# thread still ending after the window closed (backup, snapshot refresh) logs to the file.
close_logging
# A whole-vial rounding's drug saved (vials x strength - dose, before and after): part of the
# rounding result the plan keeps; the plan's screen does not show it yet, tests check its
# arithmetic so a screen or report that shows it can rely on it.
waste_avoided_mg
# A label search hit's bm25 score: the query orders hits by it in SQL; kept on the hit so the
# order can be checked (tests/label/test_search.py) without a second query.
rank
# The downtime controls keep their Reconnection (banner button, probe timer) for the window's
# life; tests drive it through this attribute.
_.reconnection

# ---- Not yet reviewed (issue 15: left for their owners; each is a candidate for deletion)
# ui/shell/downtime.py (also changed by the outage work): nothing calls it.
_.write_pack
