// ltijs (the most used Node LTI 1.3 tool library) playing an external tool against LTI Bridge's
// platform role. Started by LtijsIT with everything it needs in the environment; prints
// "READY <port>" once it listens. On a launch it creates a line item, posts a score through its
// Grade service, reads the results and the roster (NamesAndRoles) and answers them as JSON.
'use strict';
const lti = require('ltijs').Provider;
const Database = require('ltijs-sequelize');

const env = (name) => {
  const v = process.env[name];
  if (!v) {
    console.error('missing ' + name);
    process.exit(2);
  }
  return v;
};

async function main() {
  const port = Number(env('LTIJS_PORT'));
  const db = new Database(env('LTIJS_DB'), env('LTIJS_DB_USER'), process.env.LTIJS_DB_PASSWORD || '', {
    host: process.env.LTIJS_DB_HOST || '127.0.0.1',
    dialect: 'postgres',
    logging: false
  });
  lti.setup(env('LTIJS_KEY'), { plugin: db }, {
    appRoute: '/',
    loginRoute: '/login',
    keysetRoute: '/keys',
    cookies: { secure: false, sameSite: 'Lax' },
    devMode: false
  });

  lti.onConnect(async (token, req, res) => {
    try {
      const idtoken = res.locals.token;
      const lineItem = await lti.Grade.createLineItem(idtoken, {
        scoreMaximum: 100,
        label: 'ltijs quiz',
        tag: 'ltijs',
        resourceLinkId: idtoken.platformContext.resource.id
      });
      await lti.Grade.submitScore(idtoken, lineItem.id, {
        userId: idtoken.user,
        scoreGiven: 92,
        scoreMaximum: 100,
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded'
      });
      const scores = await lti.Grade.getScores(idtoken, lineItem.id);
      const roster = await lti.NamesAndRoles.getMembers(idtoken);
      return res.json({
        user: idtoken.user,
        context: idtoken.platformContext.context.id,
        lineItem: lineItem.id,
        scores: scores.scores,
        members: roster.members.map((m) => ({ user_id: m.user_id, roles: m.roles, message: m.message }))
      });
    } catch (e) {
      console.error('launch failed', e && e.response ? e.response.body : e);
      return res.status(500).json({ error: String(e && e.message ? e.message : e) });
    }
  });

  await lti.deploy({ port, silent: true });
  await lti.registerPlatform({
    url: env('LTIJS_PLATFORM_ISS'),
    name: 'LTI Bridge',
    clientId: env('LTIJS_CLIENT_ID'),
    authenticationEndpoint: env('LTIJS_AUTH_URL'),
    accesstokenEndpoint: env('LTIJS_TOKEN_URL'),
    authConfig: { method: 'JWK_SET', key: env('LTIJS_JWKS_URL') }
  });
  console.log('READY ' + port);
}

main().catch((e) => {
  console.error('ltijs tool failed to start', e);
  process.exit(1);
});
