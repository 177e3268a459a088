// Reads one file into a Document: sniffs its format by content, then takes
// the text file, the PDF's text layer or — for scanned pages and images —
// the ocr stage's output. Never throws; every failure is a Status whose
// message is the one-line reason shown to the user.
#ifndef VANBAN_PIPELINE_READER_H_
#define VANBAN_PIPELINE_READER_H_

#include <cstdint>
#include <string>

#include "core/document.h"
#include "core/status.h"

namespace vanban::pipeline {

struct ReadLimits {
  uint64_t max_file_bytes = 512ull << 20;  // 512 MiB
  int max_pdf_pages = 2000;
};

// The file's bytes (bounded by limits), for hashing and reading.
Result<std::string> ReadFileBytes(const std::string& path, const ReadLimits& limits);

// A Document from a file's bytes; sets format, encoding, pages and sha256
// (`sha256` when the caller has hashed the bytes already, else computed).
// Pages that need OCR are left marked (Page::needs_ocr) for the ocr stage.
Result<Document> ReadDocument(const std::string& path, const std::string& bytes, const ReadLimits& limits,
                              const std::string& sha256 = {});

// True when the text reads as Vietnamese (with or without marks).
bool LooksVietnamese(const Document& doc);

}  // namespace vanban::pipeline

#endif  // VANBAN_PIPELINE_READER_H_
