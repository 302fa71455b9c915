-- CreateIndex
CREATE INDEX "audit_event_type_id_idx" ON "audit_event"("type", "id");

