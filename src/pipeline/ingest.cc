#include "pipeline/ingest.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>

#include "core/hash.h"

namespace fs = std::filesystem;

namespace vanban::pipeline {

std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths,
                                     std::vector<std::pair<std::string, std::string>>* errors) {
  std::vector<std::string> files;
  std::set<std::string> seen;
  auto add = [&](const fs::path& p) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(p, ec);
    std::string key = ec ? p.string() : canonical.string();
    if (seen.insert(key).second) files.push_back(p.string());
  };
  for (const std::string& path : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (!fs::exists(st)) {
      errors->emplace_back(path, "no such file or directory");
      continue;
    }
    if (ec) {
      errors->emplace_back(path, ec.message());
      continue;
    }
    if (!fs::is_directory(st)) {
      add(path);
      continue;
    }
    std::vector<fs::path> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      errors->emplace_back(path, ec.message());
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) {
        errors->emplace_back(it->path().string(), ec.message());
        break;
      }
      std::error_code fec;
      if (it->is_directory(fec)) continue;
      found.push_back(it->path());
    }
    std::sort(found.begin(), found.end());
    for (const auto& f : found) add(f);
  }
  return files;
}

FileOutcome Ingester::IngestFile(const std::string& path) {
  FileOutcome out;
  out.path = path;
  auto fail = [&](const Status& s, const std::string& sha) {
    out.state = FileOutcome::State::kFailed;
    out.reason = s.message();
    (void)db_->RecordFailure(path, sha, out.reason);
    return out;
  };
  Result<std::string> bytes = ReadFileBytes(path, processor_->limits());
  if (!bytes.ok()) return fail(bytes.status(), "");
  std::string sha = Sha256Hex(*bytes);
  Result<std::optional<int64_t>> existing = db_->FindBySha(sha);
  if (!existing.ok()) return fail(existing.status(), sha);
  if (existing->has_value() && !options_.force) {
    out.state = FileOutcome::State::kSkipped;
    out.document_id = **existing;
    out.reason = "already stored as document " + std::to_string(**existing);
    return out;
  }
  Result<Document> doc = processor_->Read(path, *bytes);
  if (!doc.ok()) return fail(doc.status(), sha);
  Result<Extraction> ex = processor_->Extract(*doc);
  if (!ex.ok()) return fail(ex.status(), sha);
  Result<int64_t> id = db_->StoreDocument(*doc, *ex, existing->has_value());
  if (!id.ok()) return fail(id.status(), sha);
  out.state = FileOutcome::State::kStored;
  out.document_id = *id;
  out.pages = static_cast<int>(doc->pages.size());
  return out;
}

IngestSummary IngestAll(Ingester* ingester, const std::vector<std::string>& files,
                        const std::function<void(const FileOutcome&, size_t, size_t)>& report) {
  IngestSummary summary;
  auto start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < files.size(); ++i) {
    FileOutcome o = ingester->IngestFile(files[i]);
    switch (o.state) {
      case FileOutcome::State::kStored:
        ++summary.stored;
        summary.pages += o.pages;
        break;
      case FileOutcome::State::kSkipped: ++summary.skipped; break;
      case FileOutcome::State::kFailed: ++summary.failed; break;
    }
    if (report) report(o, i + 1, files.size());
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace vanban::pipeline
