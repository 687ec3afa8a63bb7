/** The administrator the end-to-end server is started with (ADMIN_EMAIL, ADMIN_PASSWORD). */
export const ADMIN = { email: 'quantri@sachhon.test', password: 'quản trị viên thử nghiệm' };
