/** Faces backing beans of the System page. */
package com.signalops.system.web;
