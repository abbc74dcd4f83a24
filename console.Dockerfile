# The console's production image: one build serving both roles of a scaled-out console.
#   web:    node --import tsx scripts/start.ts --no-build   (the default command; RUN_WORKER=false
#           when workers run apart; applies pending migrations under their advisory lock, checks
#           ENCRYPTION_KEY, then `next start`)
#   worker: node --import tsx scripts/worker.ts              (`npm run worker`; migrates the same way)
# Any number of each share one PostgreSQL (README, "Running on more than one machine"); compose.yaml
# runs 2 + 2. The self-hosted runner's image is ./Dockerfile, not this one.
#   docker build -f console.Dockerfile -t gatekeeper-console .

FROM node:20-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# Dependencies first, so a source change does not reinstall them. postinstall runs `prisma
# generate`, which needs the schema and prisma.config.ts.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY tsconfig.json next.config.mjs postcss.config.mjs instrumentation.ts proxy.ts ./
COPY app ./app
COPY components ./components
COPY lib ./lib
COPY types ./types
COPY scripts ./scripts
RUN npx prisma generate && npx next build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-slim
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 DATA_DIR=/app/data
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json /app/package-lock.json /app/tsconfig.json /app/next.config.mjs /app/prisma.config.ts ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/.next ./.next
# The migrations (applied by lib/db/migrate.ts at start) and what tsx runs for both entry points.
COPY --from=build --chown=node:node /app/prisma ./prisma
COPY --from=build --chown=node:node /app/lib ./lib
COPY --from=build --chown=node:node /app/scripts ./scripts
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
CMD ["node", "--import", "tsx", "scripts/start.ts", "--no-build"]
