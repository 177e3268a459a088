#include "pipeline/reader.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "core/hash.h"
#include "core/utf8.h"
#include "input/pdf_reader.h"
#include "input/sniff.h"
#include "input/text_reader.h"

namespace vanban::pipeline {

Result<std::string> ReadFileBytes(const std::string& path, const ReadLimits& limits) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return IoError(std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return InvalidArgument("is a directory");
  if (!S_ISREG(st.st_mode)) return Unsupported("not a regular file");
  if (static_cast<uint64_t>(st.st_size) > limits.max_file_bytes) {
    return ResourceLimit("file is " + std::to_string(st.st_size >> 20) + " MiB; the limit is " +
                         std::to_string(limits.max_file_bytes >> 20) + " MiB");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(std::string("cannot open: ") + std::strerror(errno));
  std::string bytes;
  bytes.resize(static_cast<size_t>(st.st_size));
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.gcount() != static_cast<std::streamsize>(bytes.size())) return IoError("short read");
  return bytes;
}

Result<Document> ReadDocument(const std::string& path, const std::string& bytes, const ReadLimits& limits,
                              const std::string& sha256) {
  input::Format format = input::Sniff(std::string_view(bytes).substr(0, 8192));
  Result<Document> doc = Unsupported("unknown format");
  switch (format) {
    case input::Format::kEmpty:
      return Unsupported("empty file");
    case input::Format::kBinary:
      return Unsupported("not a document vanban reads (binary data, not PDF, image or text)");
    case input::Format::kText:
      doc = input::ReadTextDocument(bytes);
      break;
    case input::Format::kPdf:
      doc = input::ReadPdfDocument(bytes, input::PdfLimits{limits.max_pdf_pages});
      break;
    case input::Format::kPng:
    case input::Format::kJpeg:
    case input::Format::kTiff: {
      Document image;
      image.format = input::FormatName(format);
      Page page;
      page.needs_ocr = true;
      page.source = TextSource::kOcr;
      image.pages.push_back(std::move(page));
      doc = std::move(image);
      break;
    }
  }
  if (!doc.ok()) return doc.status();
  doc->source_path = path;
  doc->sha256 = sha256.empty() ? Sha256Hex(bytes) : sha256;
  return doc;
}

bool LooksVietnamese(const Document& doc) {
  // Common Vietnamese function words, folded: they carry most running text,
  // marked or not.
  static const std::set<std::string> kCommon = {
      "cua", "va", "cac", "duoc", "theo", "thuc", "hien", "nam", "ngay", "thang", "trong", "cho", "voi",
      "nhung", "de", "tai", "ve", "so", "don", "vi", "phong", "ban", "nhan", "dan", "uy", "tinh", "thanh",
      "pho", "ke", "hoach", "quyet", "dinh", "thong", "bao", "nhiem", "vu", "chi", "co", "khong", "la", "mot"};
  // The first pages are enough (the count stops at 5,000 words): a
  // thousand-page document is not folded whole.
  std::string sample;
  for (const Page& page : doc.pages) {
    if (sample.size() > 64 * 1024) break;
    sample += page.PlainText();
  }
  std::string folded = utf8::Fold(sample);
  size_t words = 0, common = 0;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    ++words;
    common += kCommon.count(word);
    word.clear();
  };
  for (char c : folded) {
    if (c >= 'a' && c <= 'z') {
      word += c;
    } else {
      flush();
    }
    if (words >= 5000) break;
  }
  flush();
  if (words < 8) return false;
  return common * 100 >= words * 8;  // 8% of words; Vietnamese text runs at 25-40%
}

}  // namespace vanban::pipeline
