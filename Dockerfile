# The self-hosted runner: `connector service`, the image the generated Deployment names
# (ghcr.io/gatekeeper/baton-runner:latest). It holds the connector adapters and the command
# line only: no web app, no database, no Prisma.
#   docker build -t ghcr.io/gatekeeper/baton-runner:latest .
#   docker run --rm -e BATON_CLIENT_ID=... -e BATON_CLIENT_SECRET=... -e BATON_API_KEY=... \
#     ghcr.io/gatekeeper/baton-runner:latest service --url https://gatekeeper.example.com --once
FROM node:20-slim

ENV NODE_ENV=production
WORKDIR /app

# tsx runs the TypeScript sources directly (it is a runtime dependency). Install scripts are
# skipped: the only one, `prisma generate`, serves the web app, which this image does not run.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# tsconfig.json carries the "@/..." path alias tsx resolves.
COPY tsconfig.json ./
COPY lib/connectors ./lib/connectors
COPY lib/self-hosted/providers.ts ./lib/self-hosted/providers.ts
COPY lib/env.ts ./lib/env.ts
COPY scripts/connector.ts ./scripts/connector.ts
COPY scripts/connector ./scripts/connector

USER node
ENTRYPOINT ["node", "--import", "tsx", "scripts/connector.ts"]
CMD ["service", "--help"]
