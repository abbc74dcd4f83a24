-- CreateIndex
CREATE INDEX "people_email_key_idx" ON "people"("email_key");
