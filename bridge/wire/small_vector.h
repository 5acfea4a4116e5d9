// A vector that keeps its first N elements inline (argument vectors, the
// handles a conversion keeps alive): most calls have a few arguments, and a
// malloc per call would cost more than the call. Trivially copyable T only.
#pragma once
#include <cstddef>
#include <cstring>
#include <memory>
#include <new>
#include <type_traits>

namespace isthmus {

template <typename T, size_t N>
class SmallVector {
  static_assert(std::is_trivially_copyable_v<T>, "elements are moved with memcpy");

 public:
  SmallVector() noexcept = default;
  /// n elements, uninitialised: the caller writes them all (argument vectors).
  explicit SmallVector(size_t n) { resize(n); }
  SmallVector(const SmallVector&) = delete;
  SmallVector& operator=(const SmallVector&) = delete;

  T* data() noexcept { return heap_ ? heap_.get() : inline_; }
  const T* data() const noexcept { return heap_ ? heap_.get() : inline_; }
  size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  T& operator[](size_t i) noexcept { return data()[i]; }
  const T& operator[](size_t i) const noexcept { return data()[i]; }
  T* begin() noexcept { return data(); }
  T* end() noexcept { return data() + size_; }

  /// Throws std::bad_alloc when memory runs out (never writes past the end).
  void push_back(const T& value) {
    if (size_ == capacity_) grow(capacity_ * 2);
    data()[size_++] = value;
  }

  /// New elements are uninitialised.
  void resize(size_t n) {
    if (n > capacity_) grow(n);
    size_ = n;
  }

  void clear() noexcept { size_ = 0; }

 private:
  void grow(size_t capacity) {
    std::unique_ptr<T[]> bigger(new T[capacity]);
    std::memcpy(bigger.get(), data(), size_ * sizeof(T));
    heap_ = std::move(bigger);
    capacity_ = capacity;
  }

  T inline_[N];
  std::unique_ptr<T[]> heap_;
  size_t size_ = 0;
  size_t capacity_ = N;
};

}  // namespace isthmus
