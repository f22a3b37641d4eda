# syntax=docker/dockerfile:1

# Build: all dependencies, compile TypeScript (with the Swagger plugin) to dist/, bundle the widget and
# the admin console (whose API client is generated from openapi.json).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json nest-cli.json openapi.json ./
COPY src ./src
COPY widget ./widget
COPY console ./console
RUN npm run build

# Production dependencies only.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# Runtime: compiled code and production dependencies, as an unprivileged user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/widget/dist ./widget/dist
COPY --from=build --chown=node:node /app/console/dist ./console/dist
COPY --chown=node:node package.json ./
RUN mkdir -p var/mail && chown node:node var/mail
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/main.js"]
