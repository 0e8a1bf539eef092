# syntax=docker/dockerfile:1
# The reference server (latch-server) as a container: docs/guides/deployment.md.
#   docker build -t latch .
#   docker run -p 3000:3000 -e LATCH_SECRET=… -e PUBLIC_URL=https://auth.example.com \
#     -e DATABASE_URL=postgres://… -e SMTP_URL=smtp://… -v latch-data:/data latch

# Build: the server SDK, the reference server and the components' bundles, with dev dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund --include-workspace-root \
      --workspace @latch/server-sdk --workspace @latch/web-components --workspace @latch/reference-server \
 && node scripts/build-if-stale.mjs

# Run: production dependencies of the reference server and the built files only.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LATCH_DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/server-sdk/package.json packages/server-sdk/
COPY packages/web-components/package.json packages/web-components/
COPY packages/reference-server/package.json packages/reference-server/
RUN npm ci --omit=dev --no-audit --no-fund --workspace @latch/reference-server \
 && npm cache clean --force
COPY --from=build /src/packages/server-sdk/dist packages/server-sdk/dist
COPY --from=build /src/packages/web-components/dist packages/web-components/dist
COPY --from=build /src/packages/reference-server/dist packages/reference-server/dist
COPY packages/reference-server/bin packages/reference-server/bin
COPY packages/reference-server/public packages/reference-server/public
# The data folder holds the embedded database (when DATABASE_URL is unset) and the control socket
# that `docker exec … latch-server <command>` reaches the running server through.
RUN mkdir /data && chown node:node /data \
 && ln -s /app/packages/reference-server/bin/latch-server.js /usr/local/bin/latch-server
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["latch-server", "start"]
