-- CreateTable
CREATE TABLE "address_rate_limit" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "windowStart" BIGINT NOT NULL,

    CONSTRAINT "address_rate_limit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "address_rate_limit_windowStart_idx" ON "address_rate_limit"("windowStart");

