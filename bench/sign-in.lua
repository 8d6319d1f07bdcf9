-- Sign-in attempts with wrong passwords for many emails: the flood a shop must shrug off.
local counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"email": "flood-%d@example.com", "password": "not-the-password"}', counter % 5000)
  return wrk.format("POST", "/user/v1/sessions", { ["Content-Type"] = "application/json" }, body)
end
