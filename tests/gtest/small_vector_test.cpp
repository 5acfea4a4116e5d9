#include "bridge/wire/small_vector.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace isthmus {
namespace {

TEST(SmallVector, KeepsTheFirstElementsInline) {
  SmallVector<int32_t, 4> v;
  const int32_t* inline_data = v.data();
  for (int32_t i = 0; i < 4; i++) v.push_back(i * 10);
  EXPECT_EQ(v.data(), inline_data);
  EXPECT_EQ(v.size(), 4u);
  EXPECT_EQ(v[3], 30);
}

TEST(SmallVector, GrowsOntoTheHeapKeepingEveryElement) {
  SmallVector<int32_t, 2> v;
  for (int32_t i = 0; i < 1000; i++) v.push_back(i);
  ASSERT_EQ(v.size(), 1000u);
  int64_t sum = 0;
  for (int32_t x : v) sum += x;
  EXPECT_EQ(sum, 999 * 1000 / 2);
  EXPECT_EQ(v[0], 0);
  EXPECT_EQ(v[999], 999);
}

TEST(SmallVector, SizedConstructionAndResize) {
  SmallVector<double, 8> small(3);
  EXPECT_EQ(small.size(), 3u);
  SmallVector<double, 8> big(20);  // beyond the inline part: one heap block
  for (size_t i = 0; i < big.size(); i++) big[i] = static_cast<double>(i);
  EXPECT_EQ(big[19], 19.0);
  big.resize(40);
  EXPECT_EQ(big[19], 19.0);  // kept across growth
  EXPECT_EQ(big.size(), 40u);
  big.clear();
  EXPECT_TRUE(big.empty());
}

}  // namespace
}  // namespace isthmus
