// SHA-256 of a file's bytes: the identity of a document in the database.
#ifndef VANBAN_CORE_HASH_H_
#define VANBAN_CORE_HASH_H_

#include <string>
#include <string_view>

namespace vanban {

// Lower-case hex digest (64 characters).
std::string Sha256Hex(std::string_view bytes);

}  // namespace vanban

#endif  // VANBAN_CORE_HASH_H_
