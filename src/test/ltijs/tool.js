// ltijs (the most used Node LTI 1.3 tool library) playing an external tool against LTI Bridge's
// platform role. Started by LtijsToolIT with the platform's values in the environment; everything
// it does goes through ltijs's own code: OIDC login, id_token validation against our JWKS, the
// client-credentials token request, its Grade and NamesAndRoles services.
//
// On each launch it: finds or creates a line item for the resource link, posts a score for the
// launching user (SCORES maps email -> score, default 75), reads the results back and the course
// roster, and answers the browser with a JSON report the IT checks.
'use strict'
const lti = require('ltijs').Provider
const Database = require('ltijs-sequelize')

const env = (name, fallback) => {
  const v = process.env[name]
  if (v === undefined || v === '') {
    if (fallback === undefined) throw new Error('missing ' + name)
    return fallback
  }
  return v
}

const port = Number(env('TOOL_PORT'))
const scores = JSON.parse(env('SCORES', '{}'))
const db = new Database(env('TOOL_DB_NAME'), env('TOOL_DB_USER', 'postgres'), env('TOOL_DB_PASSWORD', 'postgres'), {
  host: env('TOOL_DB_HOST', '127.0.0.1'),
  dialect: 'postgres',
  logging: false
})

lti.setup(env('TOOL_ENCRYPTION_KEY', 'ltijs-it-encryption-key'), { plugin: db }, {
  appRoute: '/',
  loginRoute: '/login',
  keysetRoute: '/keys',
  // Plain HTTP on loopback: no Secure cookies; ltijs still validates state when the cookie is
  // there, and the IT's client keeps cookies like a browser.
  cookies: { secure: false, sameSite: 'Lax' },
  devMode: false
})

lti.onConnect(async (token, req, res) => {
  const report = {
    user: token.user,
    email: token.userInfo && token.userInfo.email,
    name: token.userInfo && token.userInfo.name,
    roles: token.platformContext.roles,
    context: token.platformContext.context,
    resourceLink: token.platformContext.resource,
    custom: token.platformContext.custom
  }
  try {
    const resourceLinkId = token.platformContext.resource.id
    const found = await lti.Grade.getLineItems(token, { resourceLinkId: true })
    let lineItem = (found.lineItems || []).find(i => i.tag === 'ltijs-it')
    if (!lineItem) {
      lineItem = await lti.Grade.createLineItem(token, {
        scoreMaximum: 100,
        label: 'ltijs quiz',
        tag: 'ltijs-it',
        resourceLinkId
      })
    }
    report.lineItem = lineItem
    const given = scores[report.email] !== undefined ? scores[report.email] : 75
    report.scoreResponse = await lti.Grade.submitScore(token, lineItem.id, {
      userId: token.user,
      scoreGiven: given,
      scoreMaximum: 100,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      timestamp: new Date().toISOString()
    })
    report.results = await lti.Grade.getScores(token, lineItem.id, { userId: token.user })
    report.members = await lti.NamesAndRoles.getMembers(token, { pages: false })
    res.json(report)
  } catch (err) {
    report.error = String(err && err.message ? err.message : err)
    report.details = err && err.response ? { status: err.response.statusCode, body: err.response.body } : undefined
    res.status(500).json(report)
  }
})

async function main () {
  await lti.deploy({ port, silent: true })
  await lti.registerPlatform({
    url: env('PLATFORM_ISSUER'),
    name: 'LTI Bridge',
    clientId: env('PLATFORM_CLIENT_ID'),
    authenticationEndpoint: env('PLATFORM_AUTH_URL'),
    accesstokenEndpoint: env('PLATFORM_TOKEN_URL'),
    authConfig: { method: 'JWK_SET', key: env('PLATFORM_JWKS_URL') }
  })
  console.log('ltijs tool ready on port ' + port)
}

main().catch(err => {
  console.error('ltijs tool failed to start: ' + (err && err.stack ? err.stack : err))
  process.exit(1)
})
