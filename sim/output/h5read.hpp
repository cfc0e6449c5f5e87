// Reading result files that may be damaged or hostile (govsim info, govsim export):
// nothing read from the file is trusted before it is checked (issue 19).
//   - only a regular file is opened (not a directory, device or FIFO), and only if
//     HDF5 recognises it; HDF5's own errors become one message naming the file;
//   - a dataset's rank is at most kMaxRank (what govsim writes) and its dimensions
//     are read into a vector of that rank, never a fixed array;
//   - a dataset's claimed size is bounded by the file's size (deflate expands at most
//     about 1032 times), so no allocation is sized by a number the file merely claims;
//   - an attribute is read only when it holds one value of a string or number type
//     (a 1000-element attribute read into one pointer would overrun it);
//   - soft and external links are not followed (one could lead into a FIFO);
//   - what libhdf5 itself does with damaged metadata (it can crash or loop) is bounded
//     by the commands, which read in a child process (cli run_isolated).
#pragma once
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace govsim::h5 {

// govsim writes datasets of rank 0 to 4 ([run,] replicate, month, unit or county).
inline constexpr int kMaxRank = 4;
// Uncompressed bytes a dataset may claim per byte of file (deflate's limit is ~1032).
inline constexpr std::uintmax_t kMaxExpansion = 1100;

// The innermost message of HDF5's error stack ("" when empty), and clears it.
std::string hdf5_error();

// An open result file: checked first (exists, regular file, HDF5, opens); throws
// std::runtime_error "PATH: why" otherwise. Closes on destruction.
class ResultFile {
 public:
  explicit ResultFile(const std::string& path);
  ~ResultFile();
  ResultFile(const ResultFile&) = delete;
  ResultFile& operator=(const ResultFile&) = delete;
  hid_t id() const { return id_; }
  const std::string& path() const { return path_; }
  std::uintmax_t size() const { return size_; }
  [[noreturn]] void fail(const std::string& msg) const;

 private:
  std::string path_;
  std::uintmax_t size_ = 0;
  hid_t id_ = -1;
};

// A dataset's type class and shape, checked against the file.
struct DatasetShape {
  H5T_class_t type_class = H5T_NO_CLASS;
  bool vlen_string = false;  // a variable-length string (what govsim writes)
  std::vector<hsize_t> dims;
  std::uint64_t elements = 1;  // the product of dims
};

// The shape of dataset `name` in group `loc`; throws (via f.fail) when the rank is
// above kMaxRank, the element count overflows or exceeds what the file can hold.
DatasetShape dataset_shape(const ResultFile& f, hid_t loc, const std::string& name);

// A scalar attribute as text: a string as is, a number formatted; "" when absent.
// Throws (via f.fail) when it exists but is not one string or one number.
std::string attribute_text(const ResultFile& f, hid_t obj, const char* name, const std::string& where);

// n doubles of dataset `name` (whose dataspace must hold exactly n values).
std::vector<double> read_doubles(const ResultFile& f, hid_t loc, const std::string& name, std::uint64_t n);
// n strings of a variable-length string dataset (exactly n values).
std::vector<std::string> read_strings(const ResultFile& f, hid_t loc, const std::string& name, std::uint64_t n);

}  // namespace govsim::h5
