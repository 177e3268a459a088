#include "pipeline/ingest.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "core/hash.h"
#include "core/utf8.h"

namespace fs = std::filesystem;

namespace vanban::pipeline {

namespace {

// The parts of a path between '/', without empty and "." parts.
std::vector<std::string_view> PathParts(std::string_view path) {
  std::vector<std::string_view> parts;
  for (std::string_view part : utf8::Split(path, '/')) {
    if (!part.empty() && part != ".") parts.push_back(part);
  }
  return parts;
}

}  // namespace

std::string ShardKeyOf(const std::string& argument, const std::string& path) {
  std::vector<std::string_view> arg = PathParts(argument), parts = PathParts(path);
  size_t from = parts.empty() ? 0 : parts.size() - 1;  // a file argument: its name
  if (parts.size() > arg.size() && std::equal(arg.begin(), arg.end(), parts.begin())) from = arg.size();
  std::string key;
  for (size_t i = from; i < parts.size(); ++i) {
    if (!key.empty()) key += '/';
    key += parts[i];
  }
  return key;
}

int ShardIndex(std::string_view shard_key, int n) {
  uint64_t h = 14695981039346656037ull;  // FNV-1a, 64 bit: offset basis, then xor and multiply
  for (unsigned char c : shard_key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return static_cast<int>(h % static_cast<uint64_t>(std::max(1, n)));
}

std::vector<InputFile> ExpandInputs(const std::vector<std::string>& paths,
                                    std::vector<std::pair<std::string, std::string>>* errors) {
  std::vector<InputFile> files;
  std::set<std::string> seen;
  auto add = [&](const std::string& argument, const fs::path& p) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(p, ec);
    std::string key = ec ? p.string() : canonical.string();
    if (seen.insert(key).second) files.push_back({p.string(), ShardKeyOf(argument, p.string())});
  };
  for (const std::string& path : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) {  // a symlink loop, a denied folder
      errors->emplace_back(path, ec.message());
      continue;
    }
    if (!fs::exists(st)) {
      errors->emplace_back(path, "no such file or directory");
      continue;
    }
    if (ec) {
      errors->emplace_back(path, ec.message());
      continue;
    }
    if (!fs::is_directory(st)) {
      add(path, path);
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
    for (const auto& f : found) add(path, f);
  }
  return files;
}

std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths,
                                     std::vector<std::pair<std::string, std::string>>* errors) {
  std::vector<std::string> out;
  for (InputFile& f : ExpandInputs(paths, errors)) out.push_back(std::move(f.path));
  return out;
}

std::vector<InputFile> ShardOf(const std::vector<InputFile>& files, int k, int n) {
  std::vector<InputFile> out;
  for (const InputFile& f : files) {
    if (ShardIndex(f.shard_key, n) == k - 1) out.push_back(f);
  }
  return out;
}

Prepared Ingester::Prepare(const std::string& path, store::Database* lookup) const {
  Prepared p;
  p.outcome.path = path;
  auto fail = [&](const Status& s) {
    p.outcome.state = FileOutcome::State::kFailed;
    p.outcome.reason = s.message();
    p.doc.reset();
    return std::move(p);
  };
  Result<std::string> bytes = ReadFileBytes(path, processor_->limits());
  if (!bytes.ok()) return fail(bytes.status());
  p.sha256 = Sha256Hex(*bytes);
  Result<std::optional<int64_t>> existing = lookup->FindBySha(p.sha256);
  if (!existing.ok()) return fail(existing.status());
  if (existing->has_value() && !options_.force) {
    p.outcome.state = FileOutcome::State::kSkipped;
    p.outcome.document_id = **existing;
    p.outcome.reason = "already stored as document " + std::to_string(**existing);
    return p;
  }
  p.replace = existing->has_value();
  Result<Document> doc = processor_->Read(path, *bytes, p.sha256);
  if (!doc.ok()) return fail(doc.status());
  Result<Extraction> ex = processor_->Extract(*doc);
  if (!ex.ok()) return fail(ex.status());
  p.doc = std::move(doc).value();
  p.extraction = std::move(ex).value();
  return p;
}

FileOutcome Ingester::Commit(Prepared p) {
  FileOutcome out = std::move(p.outcome);
  if (out.state == FileOutcome::State::kSkipped) return out;
  if (!p.doc) {
    (void)db_->RecordFailure(out.path, p.sha256, out.reason);
    return out;
  }
  // Another process may have stored the same bytes since Prepare looked.
  Result<int64_t> id = db_->StoreDocument(*p.doc, p.extraction, p.replace || options_.force);
  if (!id.ok() && id.status().code() == StatusCode::kAlreadyExists) {
    // The same bytes twice in one batch, or stored by another process meanwhile.
    out.state = FileOutcome::State::kSkipped;
    out.reason = id.status().message();
    auto existing = db_->FindBySha(p.sha256);
    if (existing.ok() && existing->has_value()) out.document_id = **existing;
    return out;
  }
  if (!id.ok()) {
    out.state = FileOutcome::State::kFailed;
    out.reason = id.status().message();
    (void)db_->RecordFailure(out.path, p.sha256, out.reason);
    return out;
  }
  out.state = FileOutcome::State::kStored;
  out.document_id = *id;
  out.pages = static_cast<int>(p.doc->pages.size());
  return out;
}

FileOutcome Ingester::IngestFile(const std::string& path) { return Commit(Prepare(path, db_)); }

IngestSummary IngestAll(Ingester* ingester, const std::vector<std::string>& files,
                        const std::function<void(const FileOutcome&, size_t, size_t)>& report,
                        const std::atomic<bool>* stop) {
  IngestSummary summary;
  auto start = std::chrono::steady_clock::now();
  const size_t jobs = static_cast<size_t>(std::max(1, ingester->options().jobs));
  const size_t window = 2 * jobs;  // documents in memory at most

  std::mutex mu;
  std::condition_variable cv;
  std::map<size_t, Prepared> ready;  // index → prepared, waiting for the writer
  size_t next = 0;                   // next index to hand to a worker
  size_t written = 0;                // documents the writer has finished
  bool stopping = false;

  auto worker = [&]() {
    // Each worker asks "stored already?" on a connection of its own.
    std::unique_ptr<store::Database> own;
    auto opened = store::Database::Open(ingester->database()->connection().path(), /*read_only=*/true);
    if (opened.ok()) own = std::move(opened).value();
    store::Database* lookup = own ? own.get() : nullptr;
    for (;;) {
      size_t index;
      {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return stopping || next >= files.size() || next < written + window; });
        if (stopping || next >= files.size()) return;
        index = next++;
      }
      Prepared p;
      if (lookup) {
        p = ingester->Prepare(files[index], lookup);
      } else {
        p.outcome.path = files[index];
        p.outcome.reason = opened.status().message();
      }
      std::lock_guard<std::mutex> lock(mu);
      ready.emplace(index, std::move(p));
      cv.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (size_t i = 0; i < std::min(jobs, files.size()); ++i) threads.emplace_back(worker);

  for (size_t i = 0; i < files.size(); ++i) {
    Prepared p;
    {
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return ready.count(i) > 0 || (stop && stop->load()); });
      if (ready.count(i) == 0) {  // interrupted: whatever is in hand is dropped, nothing half-written
        stopping = true;
        summary.interrupted = true;
        cv.notify_all();
        break;
      }
      p = std::move(ready[i]);
      ready.erase(i);
    }
    FileOutcome o = ingester->Commit(std::move(p));
    switch (o.state) {
      case FileOutcome::State::kStored:
        ++summary.stored;
        summary.pages += o.pages;
        break;
      case FileOutcome::State::kSkipped: ++summary.skipped; break;
      case FileOutcome::State::kFailed: ++summary.failed; break;
    }
    if (report) report(o, i + 1, files.size());
    std::lock_guard<std::mutex> lock(mu);
    written = i + 1;
    if (stop && stop->load()) {
      stopping = true;
      summary.interrupted = i + 1 < files.size();
    }
    cv.notify_all();
    if (stopping) break;
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    stopping = true;
    cv.notify_all();
  }
  for (auto& t : threads) t.join();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace vanban::pipeline
