#include "store/database.h"

#include <algorithm>
#include <ctime>

#include "core/utf8.h"
#include "store/json.h"
#include "store/schema.h"

namespace vanban::store {

std::string NowUtc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {


}  // namespace

Result<std::unique_ptr<Database>> Database::Open(const std::string& path, bool read_only) {
  Result<Connection> c = Connection::Open(path, read_only);
  if (!c.ok()) return c.status();
  std::unique_ptr<Database> db(new Database(std::move(c).value()));
  if (!read_only && sqlite3_db_readonly(db->conn_.raw(), "main") == 1) {
    // SQLite quietly opens a write-protected file read-only; say so once
    // instead of failing every document later.
    return DatabaseError(path + ": the database file is read-only (no permission to write it)");
  }
  if (!read_only) {
    VANBAN_RETURN_IF_ERROR(Migrate(&db->conn_));
  } else {
    Result<int> v = SchemaVersion(&db->conn_);
    if (!v.ok()) return v.status();
    if (*v != kSchemaVersion) {
      return DatabaseError(path + " is not a vanban database of schema version " + std::to_string(kSchemaVersion));
    }
  }
  return db;
}

Result<std::optional<int64_t>> Database::FindBySha(const std::string& sha256) {
  Statement s = conn_.Prepare("SELECT id FROM documents WHERE sha256 = ?1");
  s.BindText(1, sha256);
  std::optional<int64_t> id;
  if (s.Step()) id = s.Int64(0);
  if (!s.status().ok()) return s.status();
  return id;
}

Status Database::InsertRows(int64_t id, const Document& doc, const Extraction& ex) {
  // Each statement is prepared once per document and reset for every row.
  Statement page = conn_.Prepare(
      "INSERT INTO pages(document_id, page, text_source, failed, error, dpi, width_px, height_px, "
      "skew_degrees, mean_confidence, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  Statement fts = conn_.Prepare("INSERT INTO document_fts(folded, document_id, page) VALUES (?1, ?2, ?3)");
  for (const Page& p : doc.pages) {
    std::string text = p.PlainText();
    page.Reset();
    page.Bind(1, id).Bind(2, static_cast<int64_t>(p.number)).BindText(3, TextSourceName(p.source));
    page.Bind(4, static_cast<int64_t>(p.failed)).Bind(5, p.error);
    if (p.source == TextSource::kOcr) {
      page.Bind(6, static_cast<int64_t>(p.scan.dpi)).Bind(7, static_cast<int64_t>(p.scan.width_px));
      page.Bind(8, static_cast<int64_t>(p.scan.height_px)).Bind(9, static_cast<double>(p.scan.skew_degrees));
      page.Bind(10, static_cast<double>(p.scan.mean_confidence));
    }
    page.BindText(11, text);
    VANBAN_RETURN_IF_ERROR(page.Run());
    fts.Reset();
    fts.BindText(1, utf8::Fold(text)).Bind(2, id).Bind(3, static_cast<int64_t>(p.number));
    VANBAN_RETURN_IF_ERROR(fts.Run());
  }
  Statement citation = conn_.Prepare(
      "INSERT INTO citations(document_id, doc_type, number, symbol, issued_date, issuer, raw) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  for (const Citation& c : ex.citations) {
    citation.Reset();
    citation.Bind(1, id).Bind(2, c.doc_type).Bind(3, c.number).Bind(4, c.symbol).Bind(5, c.issued_date);
    citation.Bind(6, c.issuer).Bind(7, c.raw);
    VANBAN_RETURN_IF_ERROR(citation.Run());
  }
  Statement recipient = conn_.Prepare("INSERT INTO recipients(document_id, recipient, purpose) VALUES (?1, ?2, ?3)");
  for (const Recipient& r : ex.recipients) {
    recipient.Reset();
    recipient.Bind(1, id).BindText(2, r.recipient).Bind(3, r.purpose);
    VANBAN_RETURN_IF_ERROR(recipient.Run());
  }
  Statement indicator = conn_.Prepare(
      "INSERT INTO indicators(document_id, code, name, year, kind, metric, comparator, value, out_of, raw, page, "
      "relative) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  for (const Indicator& i : ex.indicators) {
    indicator.Reset();
    indicator.Bind(1, id).Bind(2, i.code).Bind(3, i.name);
    if (i.year) indicator.Bind(4, static_cast<int64_t>(*i.year));
    indicator.Bind(5, i.kind).Bind(6, i.metric).Bind(7, i.comparator).Bind(8, i.value).Bind(9, i.out_of);
    indicator.Bind(10, i.raw).Bind(11, static_cast<int64_t>(i.page)).Bind(12, static_cast<int64_t>(i.relative));
    VANBAN_RETURN_IF_ERROR(indicator.Run());
  }
  Statement task = conn_.Prepare(
      "INSERT INTO tasks(document_id, key, section, ordinal, title, detail, product, deadline_text, due_date, "
      "due_offset, due_anchor, recurrence, raw, page, confidence) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
  Statement unit = conn_.Prepare("INSERT INTO task_units(task_id, unit, role, as_written) VALUES (?1, ?2, ?3, ?4)");
  for (const Task& t : ex.tasks) {
    task.Reset();
    task.Bind(1, id).BindText(2, t.key).Bind(3, t.section).Bind(4, t.ordinal).Bind(5, t.title).Bind(6, t.detail);
    task.Bind(7, t.product).Bind(8, t.deadline_text).Bind(9, t.due_date).Bind(10, t.due_offset);
    task.Bind(11, t.due_anchor).Bind(12, t.recurrence).Bind(13, t.raw).Bind(14, static_cast<int64_t>(t.page));
    task.Bind(15, t.confidence);
    VANBAN_RETURN_IF_ERROR(task.Run());
    const int64_t task_id = conn_.LastInsertId();
    for (const TaskUnit& u : t.units) {
      unit.Reset();
      unit.Bind(1, task_id).BindText(2, u.unit).BindText(3, u.role).Bind(4, u.as_written);
      VANBAN_RETURN_IF_ERROR(unit.Run());
    }
  }
  Statement warning = conn_.Prepare("INSERT INTO warnings(document_id, code, message) VALUES (?1, ?2, ?3)");
  for (const Warning& w : ex.warnings) {
    warning.Reset();
    warning.Bind(1, id).BindText(2, w.code).BindText(3, w.message);
    VANBAN_RETURN_IF_ERROR(warning.Run());
  }
  Statement run = conn_.Prepare("INSERT INTO runs(document_id, created_at, extraction) VALUES (?1, ?2, ?3)");
  run.Bind(1, id).BindText(2, NowUtc()).BindText(3, ToJson(ex).dump());
  return run.Run();
}

Result<int64_t> Database::StoreDocument(const Document& doc, const Extraction& ex, bool replace) {
  Transaction tx(&conn_);
  VANBAN_RETURN_IF_ERROR(tx.Begin());
  Result<std::optional<int64_t>> existing = FindBySha(doc.sha256);
  if (!existing.ok()) return existing.status();
  if (existing->has_value() && !replace) {
    return AlreadyExists("already stored as document " + std::to_string(**existing));
  }
  const Header& h = ex.header;
  int64_t id = 0;
  if (existing->has_value()) {
    id = **existing;
    for (const char* table : {"pages", "citations", "recipients", "indicators", "tasks", "warnings"}) {
      Statement del = conn_.Prepare(std::string("DELETE FROM ") + table + " WHERE document_id = ?1");
      del.Bind(1, id);
      VANBAN_RETURN_IF_ERROR(del.Run());
    }
    Statement del = conn_.Prepare("DELETE FROM document_fts WHERE document_id = ?1");
    del.Bind(1, id);
    VANBAN_RETURN_IF_ERROR(del.Run());
    Statement s = conn_.Prepare(
        "UPDATE documents SET source_path=?2, doc_type=?3, number=?4, symbol=?5, issuer=?6, parent_issuer=?7, "
        "place=?8, issued_date=?9, title=?10, signer_name=?11, signer_title=?12, signer_authority=?13, "
        "page_count=?14, text_source=?15, ingested_at=?16, format=?17, encoding=?18 WHERE id=?1");
    s.Bind(1, id);
    s.BindText(2, doc.source_path).Bind(3, h.doc_type).Bind(4, h.number).Bind(5, h.symbol).Bind(6, h.issuer);
    s.Bind(7, h.parent_issuer).Bind(8, h.place).Bind(9, h.issued_date).Bind(10, h.title).Bind(11, h.signer_name);
    s.Bind(12, h.signer_title).Bind(13, h.signer_authority).Bind(14, static_cast<int64_t>(doc.pages.size()));
    s.BindText(15, TextSourceName(doc.text_source())).BindText(16, NowUtc()).Bind(17, doc.format);
    s.Bind(18, doc.encoding);
    VANBAN_RETURN_IF_ERROR(s.Run());
  } else {
    Statement s = conn_.Prepare(
        "INSERT INTO documents(sha256, source_path, doc_type, number, symbol, issuer, parent_issuer, place, "
        "issued_date, title, signer_name, signer_title, signer_authority, page_count, text_source, ingested_at, "
        "format, encoding) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)");
    s.BindText(1, doc.sha256).BindText(2, doc.source_path).Bind(3, h.doc_type).Bind(4, h.number);
    s.Bind(5, h.symbol).Bind(6, h.issuer).Bind(7, h.parent_issuer).Bind(8, h.place).Bind(9, h.issued_date);
    s.Bind(10, h.title).Bind(11, h.signer_name).Bind(12, h.signer_title).Bind(13, h.signer_authority);
    s.Bind(14, static_cast<int64_t>(doc.pages.size())).BindText(15, TextSourceName(doc.text_source()));
    s.BindText(16, NowUtc()).Bind(17, doc.format).Bind(18, doc.encoding);
    VANBAN_RETURN_IF_ERROR(s.Run());
    id = conn_.LastInsertId();
  }
  VANBAN_RETURN_IF_ERROR(InsertRows(id, doc, ex));
  Statement clear = conn_.Prepare("DELETE FROM failures WHERE path = ?1");
  clear.BindText(1, doc.source_path);
  VANBAN_RETURN_IF_ERROR(clear.Run());
  VANBAN_RETURN_IF_ERROR(tx.Commit());
  return id;
}

Status Database::RecordFailure(const std::string& path, const std::string& sha256, const std::string& reason) {
  Statement s = conn_.Prepare(
      "INSERT INTO failures(path, sha256, reason, failed_at) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, reason = excluded.reason, "
      "failed_at = excluded.failed_at");
  s.BindText(1, path).Bind(2, sha256).BindText(3, reason).BindText(4, NowUtc());
  return s.Run();
}

Status Database::ClearFailure(const std::string& path) {
  Statement s = conn_.Prepare("DELETE FROM failures WHERE path = ?1");
  s.BindText(1, path);
  return s.Run();
}

Result<std::vector<std::pair<std::string, std::string>>> Database::Failures() {
  std::vector<std::pair<std::string, std::string>> out;
  Statement s = conn_.Prepare("SELECT path, reason FROM failures ORDER BY path");
  while (s.Step()) out.emplace_back(s.Text(0), s.Text(1));
  if (!s.status().ok()) return s.status();
  return out;
}

namespace {

constexpr char kDocumentColumns[] =
    "id, sha256, source_path, doc_type, number, symbol, issuer, parent_issuer, place, issued_date, title, "
    "signer_name, signer_title, signer_authority, page_count, text_source, ingested_at, format, encoding";

DocumentRow ReadDocumentRow(const Statement& s) {
  DocumentRow r;
  r.id = s.Int64(0);
  r.sha256 = s.Text(1);
  r.source_path = s.Text(2);
  r.header = Header{s.Text(3), s.Text(4), s.Text(5), s.Text(6), s.Text(7), s.Text(8),
                    s.Text(9), s.Text(10), s.Text(11), s.Text(12), s.Text(13)};
  r.page_count = static_cast<int>(s.Int64(14));
  r.text_source = s.Text(15);
  r.ingested_at = s.Text(16);
  r.format = s.Text(17);
  r.encoding = s.Text(18);
  return r;
}

}  // namespace

Result<std::vector<DocumentRow>> Database::ListDocuments() {
  std::vector<DocumentRow> out;
  Statement s = conn_.Prepare(std::string("SELECT ") + kDocumentColumns + " FROM documents ORDER BY id");
  while (s.Step()) out.push_back(ReadDocumentRow(s));
  if (!s.status().ok()) return s.status();
  return out;
}

Result<StoredDocument> Database::LoadDocument(int64_t id) {
  StoredDocument d;
  {
    Statement s = conn_.Prepare(std::string("SELECT ") + kDocumentColumns + " FROM documents WHERE id = ?1");
    s.Bind(1, id);
    if (!s.Step()) {
      if (!s.status().ok()) return s.status();
      return NotFound("no document " + std::to_string(id));
    }
    d.row = ReadDocumentRow(s);
    d.extraction.header = d.row.header;
  }
  // The latest run holds the full extraction, task units included.
  Result<std::vector<RunRow>> runs = Runs(id, 1);
  if (!runs.ok()) return runs.status();
  if (!runs->empty()) {
    Header header = d.extraction.header;
    d.extraction = runs->back().extraction;
    d.extraction.header = header;
  }
  Statement p = conn_.Prepare(
      "SELECT page, text_source, failed, error, dpi, skew_degrees, mean_confidence, text FROM pages "
      "WHERE document_id = ?1 ORDER BY page");
  p.Bind(1, id);
  while (p.Step()) {
    PageRow r;
    r.page = static_cast<int>(p.Int64(0));
    r.text_source = p.Text(1);
    r.failed = p.Int64(2) != 0;
    r.error = p.Text(3);
    r.dpi = static_cast<int>(p.Int64(4));
    r.skew_degrees = p.Double(5);
    r.mean_confidence = p.IsNull(6) ? -1 : p.Double(6);
    r.text = p.Text(7);
    d.pages.push_back(std::move(r));
  }
  if (!p.status().ok()) return p.status();
  return d;
}

Result<std::vector<RunRow>> Database::Runs(int64_t document_id, int last) {
  std::vector<RunRow> out;
  // Newest first so that LIMIT keeps the latest; reversed below.
  Statement s = conn_.Prepare(
      "SELECT id, created_at, extraction FROM runs WHERE document_id = ?1 ORDER BY id DESC LIMIT ?2");
  s.Bind(1, document_id).Bind(2, static_cast<int64_t>(last > 0 ? last : -1));
  while (s.Step()) {
    RunRow r;
    r.id = s.Int64(0);
    r.created_at = s.Text(1);
    nlohmann::json j = nlohmann::json::parse(s.Text(2), nullptr, false);
    if (j.is_discarded()) return DatabaseError("run " + std::to_string(r.id) + " holds invalid JSON");
    r.extraction = ExtractionFromJson(j);
    out.push_back(std::move(r));
  }
  if (!s.status().ok()) return s.status();
  std::reverse(out.begin(), out.end());
  return out;
}

Result<int64_t> Database::Resolve(const std::string& ref) {
  if (!ref.empty() && ref.find_first_not_of("0123456789") == std::string::npos) {
    Statement s = conn_.Prepare("SELECT id FROM documents WHERE id = ?1");
    s.Bind(1, static_cast<int64_t>(std::stoll(ref)));
    if (s.Step()) return s.Int64(0);
    if (!s.status().ok()) return s.status();
  }
  {
    Statement s = conn_.Prepare("SELECT id FROM documents WHERE source_path = ?1 OR source_path LIKE ?2 ORDER BY id");
    s.BindText(1, ref).BindText(2, "%/" + ref);
    std::vector<int64_t> ids;
    while (s.Step()) ids.push_back(s.Int64(0));
    if (!s.status().ok()) return s.status();
    if (ids.size() == 1) return ids[0];
    if (ids.size() > 1) return InvalidArgument("'" + ref + "' names " + std::to_string(ids.size()) + " documents");
  }
  // number/symbol or symbol alone
  std::string number, symbol = ref;
  size_t slash = ref.find('/');
  if (slash != std::string::npos && slash > 0 && std::isdigit(static_cast<unsigned char>(ref[0]))) {
    number = utf8::CollapseSpace(ref.substr(0, slash));
    symbol = utf8::CollapseSpace(ref.substr(slash + 1));
  }
  Statement s = conn_.Prepare(
      "SELECT id FROM documents WHERE symbol = ?1 AND (?2 IS NULL OR number = ?2 OR "
      "ltrim(number, '0') = ltrim(?2, '0')) ORDER BY id");
  s.BindText(1, symbol).Bind(2, number);
  std::vector<int64_t> ids;
  while (s.Step()) ids.push_back(s.Int64(0));
  if (!s.status().ok()) return s.status();
  if (ids.size() == 1) return ids[0];
  if (ids.size() > 1) return InvalidArgument("'" + ref + "' names " + std::to_string(ids.size()) + " documents");
  return NotFound("no document '" + ref + "' (give an id, a path or a number/symbol)");
}

}  // namespace vanban::store
