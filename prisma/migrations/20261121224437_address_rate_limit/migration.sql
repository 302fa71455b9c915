-- CreateTable
CREATE TABLE "address_rate_limit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL,
    "windowStart" BIGINT NOT NULL
);

-- CreateIndex
CREATE INDEX "address_rate_limit_windowStart_idx" ON "address_rate_limit"("windowStart");

